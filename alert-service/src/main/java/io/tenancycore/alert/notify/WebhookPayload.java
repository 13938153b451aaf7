package io.tenancycore.alert.notify;

import io.tenancycore.alert.alert.Alert;
import io.tenancycore.alert.alert.AlertState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Alertmanager's webhook payload, version 4 (its {@code webhook_config} body), so receivers written for Alertmanager
 * read ours unchanged: camelCase field names are that product's wire format.
 */
public final class WebhookPayload {

    /** Alertmanager writes Go's zero time for "no end yet". */
    static final String ZERO_TIME = "0001-01-01T00:00:00Z";

    private WebhookPayload() {
    }

    public static Map<String, Object> of(Notification notification, String externalUrl) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", "4");
        body.put("groupKey", notification.groupKey());
        body.put("truncatedAlerts", 0);
        body.put("status", notification.status());
        body.put("receiver", notification.receiver());
        body.put("groupLabels", notification.groupLabels());
        body.put("commonLabels", common(notification.all().stream().map(Alert::labels).toList()));
        body.put("commonAnnotations", common(notification.all().stream().map(Alert::annotations).toList()));
        body.put("externalURL", externalUrl);
        List<Map<String, Object>> alerts = new ArrayList<>();
        for (Alert alert : notification.all()) {
            Map<String, Object> item = new LinkedHashMap<>();
            boolean resolved = alert.state() == AlertState.RESOLVED;
            item.put("status", resolved ? "resolved" : "firing");
            item.put("labels", alert.labels());
            item.put("annotations", alert.annotations());
            item.put("startsAt", alert.startsAt().toString());
            Instant ends = resolved ? alert.resolvedAt() : null;
            item.put("endsAt", ends == null ? ZERO_TIME : ends.toString());
            item.put("generatorURL", alert.generatorUrl() == null ? "" : alert.generatorUrl());
            item.put("fingerprint", alert.fingerprint());
            alerts.add(item);
        }
        body.put("alerts", alerts);
        return body;
    }

    private static Map<String, String> common(List<Map<String, String>> sets) {
        if (sets.isEmpty()) {
            return Map.of();
        }
        Map<String, String> common = new java.util.TreeMap<>(sets.get(0));
        for (Map<String, String> set : sets) {
            common.entrySet().removeIf(e -> !e.getValue().equals(set.get(e.getKey())));
        }
        return common;
    }
}

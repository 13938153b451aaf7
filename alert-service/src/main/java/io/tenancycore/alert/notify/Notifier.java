package io.tenancycore.alert.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.tenancycore.alert.history.HistoryEntry;
import io.tenancycore.alert.history.HistoryStore;
import io.tenancycore.alert.receiver.Receiver;
import io.tenancycore.alert.receiver.ReceiverService;
import io.tenancycore.alert.receiver.UrlGuard;
import io.tenancycore.alert.support.AlertsConfig;
import io.tenancycore.commons.metrics.TenantTagLimiter;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Delivers one {@link Notification} to its receiver: renders the text, sends, retries with exponential backoff up to
 * {@code tenancy.alerts.delivery.attempts}, writes every attempt to the history and counts the outcome in
 * {@code alert_notifications_total{tenant,receiver_type,outcome}}. A failure is never silent: it is a history entry
 * and a metric, and the group keeps its last-sent state so the next group interval tries again.
 */
@ApplicationScoped
public class Notifier {

    public static final String SIGNATURE_HEADER = "X-Tenancy-Signature";
    static final String METRIC = "alert_notifications_total";

    private final ReceiverService receivers;
    private final MessageRenderer renderer;
    private final Channels channels;
    private final UrlGuard guard;
    private final HistoryStore history;
    private final AlertsConfig config;
    private final ObjectMapper mapper;
    private final MeterRegistry registry;
    private final TenantTagLimiter tenantTags;
    private final String externalUrl;

    public Notifier(ReceiverService receivers, MessageRenderer renderer, Channels channels, UrlGuard guard,
            HistoryStore history, AlertsConfig config, ObjectMapper mapper, MeterRegistry registry,
            TenantTagLimiter tenantTags,
            @ConfigProperty(name = "tenancy.alerts.external-url", defaultValue = "http://localhost:8083")
            String externalUrl) {
        this.receivers = receivers;
        this.renderer = renderer;
        this.channels = channels;
        this.guard = guard;
        this.history = history;
        this.config = config;
        this.mapper = mapper;
        this.registry = registry;
        this.tenantTags = tenantTags;
        this.externalUrl = externalUrl;
    }

    /** @return whether the receiver took the notification */
    public Uni<Boolean> deliver(Notification notification) {
        return receivers.forDelivery(notification.tenantId(), notification.receiver()).onFailure().recoverWithUni(
                failure -> record(notification, null, "unknown", 1, "failure",
                        "the receiver's secrets cannot be opened now (security-service transit); next interval retries")
                        .invoke(() -> count(notification, "unknown", "failure"))
                        // null: already recorded as failed; the group keeps its state and the next interval retries
                        .map(ignored -> (Optional<Receiver>) null))
                .chain(found -> {
                    if (found == null) {
                        return Uni.createFrom().item(false);
                    }
                    if (found.isEmpty()) {
                        return record(notification, null, "unknown", 1, "failure", "no receiver '"
                                + notification.receiver() + "'").invoke(() -> count(notification, "unknown", "failure"))
                                .replaceWith(false);
                    }
                    Receiver receiver = found.get();
                    return prepare(notification, receiver).chain(send -> attempt(notification, receiver, send, 1))
                            .call(ok -> record(notification, receiver, receiver.type(), null,
                                    ok ? "success" : "failure", ok ? "notification_sent" : "notification_failed"))
                            .invoke(ok -> count(notification, receiver.type(), ok ? "success" : "failure"));
                });
    }

    /** The send of one attempt, built once (text rendered once, body signed once). */
    private Uni<java.util.function.Supplier<Uni<Channels.Outcome>>> prepare(Notification notification,
            Receiver receiver) {
        if (Receiver.WEBHOOK.equals(receiver.type())) {
            byte[] body = json(WebhookPayload.of(notification, externalUrl));
            Map<String, String> headers = receiver.secret() == null ? Map.of()
                    : Map.of(SIGNATURE_HEADER, "sha256=" + hmac(receiver.secret(), body));
            return Uni.createFrom().item(() -> () -> guarded(receiver.url(), body, headers));
        }
        return renderer.render(notification, receiver).call(message -> message.fallback()
                ? history.append(notification.tenantId(), HistoryEntry.notification("render_fallback",
                        notification.lead().fingerprint(), notification.lead().name(), receiver.name(),
                        receiver.type(), null, "fallback", message.reason()))
                : Uni.createFrom().voidItem())
                .map(message -> Receiver.SLACK.equals(receiver.type())
                        ? () -> guarded(receiver.slackUrl(), slackBody(message), Map.of())
                        : () -> channels.mail(receiver.to(), message.subject(), message.body()));
    }

    private Uni<Channels.Outcome> guarded(String url, byte[] body, Map<String, String> headers) {
        return Uni.createFrom().item(() -> guard.refusalAtDelivery(url))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(refusal -> refusal != null
                        ? Uni.createFrom().item(new Channels.Outcome(false, "URL refused: " + refusal))
                        : channels.post(url, body, headers));
    }

    private Uni<Boolean> attempt(Notification notification, Receiver receiver,
            java.util.function.Supplier<Uni<Channels.Outcome>> send, int attempt) {
        return send.get().chain(outcome -> record(notification, receiver, receiver.type(), attempt,
                outcome.delivered() ? "success" : "failure", outcome.detail()).replaceWith(outcome))
                .chain(outcome -> {
                    if (outcome.delivered() || attempt >= config.delivery().attempts()) {
                        return Uni.createFrom().item(outcome.delivered());
                    }
                    return Uni.createFrom().voidItem().onItem().delayIt().by(backoff(attempt))
                            .chain(() -> attempt(notification, receiver, send, attempt + 1));
                });
    }

    private Duration backoff(int attempt) {
        Duration delay = config.delivery().initialBackoff().multipliedBy(1L << Math.min(attempt - 1, 10));
        return delay.compareTo(config.delivery().maxBackoff()) > 0 ? config.delivery().maxBackoff() : delay;
    }

    /** An attempt (attempt number set) or the final word (kind in detail's place). */
    private Uni<Void> record(Notification notification, Receiver receiver, String type, Integer attempt,
            String outcome, String detail) {
        String kind = attempt != null ? "notification_attempt" : detail;
        String text = attempt != null ? detail + "; group " + notification.groupKey() + ", "
                + notification.all().size() + " alert(s), " + notification.status()
                : "group " + notification.groupKey() + ", " + notification.all().size() + " alert(s), "
                        + notification.status();
        if (receiver == null) {
            kind = "notification_failed";
            text = detail;
        }
        return history.append(notification.tenantId(), HistoryEntry.notification(kind,
                notification.lead().fingerprint(), notification.lead().name(), notification.receiver(), type,
                attempt, outcome, text));
    }

    private void count(Notification notification, String type, String outcome) {
        Counter.builder(METRIC).description("Notifications per tenant, receiver type and final outcome")
                .tag("tenant", tenantTags.tagFor(notification.tenantId())).tag("receiver_type", type)
                .tag("outcome", outcome).register(registry).increment();
    }

    private byte[] slackBody(Message message) {
        if (!message.fallback() && message.body() != null) {
            try {
                JsonNode parsed = mapper.readTree(message.body());
                if (parsed instanceof ObjectNode && parsed.has("text")) {
                    return mapper.writeValueAsBytes(parsed);
                }
            } catch (java.io.IOException e) {
                // not JSON: sent as text below
            }
        }
        return json(Map.of("text", message.fallback() ? message.body() : message.subject() == null
                ? String.valueOf(message.body()) : message.subject()));
    }

    private byte[] json(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.tenancycore.alert.notify;

import io.smallrye.mutiny.Uni;
import io.tenancycore.alert.alert.Alert;
import io.tenancycore.alert.receiver.Receiver;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Message text from template-service ({@code alert_notification.email} / {@code .slack}) in the receiver's locale,
 * or the tenant's default when the receiver names none. When template-service does not answer in time or refuses, a
 * plain built-in text is used instead and the message says so ({@link Message#fallback}): a notification is never
 * dropped for want of a template.
 */
@ApplicationScoped
public class MessageRenderer {

    static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final TemplateApi templates;

    public MessageRenderer(@RestClient TemplateApi templates) {
        this.templates = templates;
    }

    public Uni<Message> render(Notification notification, Receiver receiver) {
        String template = "alert_notification." + (Receiver.SLACK.equals(receiver.type()) ? "slack" : "email");
        return Uni.createFrom().deferred(() -> templates.render(notification.tenantId(), template,
                        new TemplateApi.RenderCall(Map.of("alert", model(notification)), receiver.locale())))
                .ifNoItem().after(TIMEOUT).fail()
                .map(rendered -> new Message(rendered.subject(), rendered.body(), false, null))
                .onFailure().recoverWithItem(failure -> fallback(notification, failure));
    }

    /** What the templates see as {@code alert}: name, severity, summary, starts_at, labels (key/value pairs). */
    static Map<String, Object> model(Notification notification) {
        Alert lead = notification.lead();
        Map<String, Object> alert = new LinkedHashMap<>();
        alert.put("name", lead.name());
        alert.put("severity", lead.severity());
        alert.put("status", notification.status());
        String summary = lead.annotations().get("summary");
        int count = notification.all().size();
        alert.put("summary", summary != null ? summary : count > 1 ? count + " alerts" : "");
        alert.put("starts_at", lead.startsAt().toString());
        alert.put("fingerprint", lead.fingerprint());
        List<Map<String, String>> labels = new ArrayList<>();
        lead.labels().forEach((k, v) -> labels.add(Map.of("key", k, "value", v)));
        alert.put("labels", labels);
        return alert;
    }

    static Message fallback(Notification notification, Throwable failure) {
        Alert lead = notification.lead();
        String subject = "[" + notification.status().toUpperCase(java.util.Locale.ROOT) + ":"
                + notification.all().size() + "] " + lead.name() + " (" + lead.severity() + ")";
        StringBuilder body = new StringBuilder(subject).append('\n');
        for (Alert alert : notification.all()) {
            body.append("- ").append(alert.name()).append(' ').append(alert.labels())
                    .append(alert.annotations().containsKey("summary") ? " " + alert.annotations().get("summary") : "")
                    .append('\n');
        }
        String reason = failure == null ? "template-service unavailable"
                : "template-service unavailable: " + failure.getClass().getSimpleName();
        return new Message(subject, body.toString(), true, reason);
    }
}

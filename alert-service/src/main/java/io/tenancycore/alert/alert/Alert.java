package io.tenancycore.alert.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.Map;

/**
 * A stored alert, identified by the {@link io.tenancycore.alert.support.Fingerprint} of its labels ({@code alertname}
 * is its name). {@code ends_at} is when the sender said it stops firing unless re-sent (Alertmanager semantics: the
 * sweep resolves it then); {@code occurrences} counts the posts deduplicated into it.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
// a Redis value or Kafka payload that Jackson maps outside REST endpoints: a native executable needs it listed
@RegisterForReflection(registerFullHierarchy = true)
public record Alert(String fingerprint, String name, AlertState state, String severity, Map<String, String> labels,
        Map<String, String> annotations, JsonNode data, String generatorUrl, String source, Instant startsAt,
        Instant endsAt, Instant updatedAt, Instant acknowledgedAt, String acknowledgedBy, Instant resolvedAt,
        Long occurrences) {

    public static final String NAME_LABEL = "alertname";
    public static final String SEVERITY_LABEL = "severity";

    public Alert withState(AlertState newState, Instant at, String actor) {
        return switch (newState) {
            case ACKNOWLEDGED -> new Alert(fingerprint, name, newState, severity, labels, annotations, data,
                    generatorUrl, source, startsAt, endsAt, at, at, actor, null, occurrences);
            case RESOLVED -> new Alert(fingerprint, name, newState, severity, labels, annotations, data, generatorUrl,
                    source, startsAt, endsAt == null || endsAt.isAfter(at) ? at : endsAt, at, acknowledgedAt,
                    acknowledgedBy, at, occurrences);
            case FIRING -> new Alert(fingerprint, name, newState, severity, labels, annotations, data, generatorUrl,
                    source, at, null, at, null, null, null, occurrences);
        };
    }

    public Alert withOccurrences(Long count) {
        return new Alert(fingerprint, name, state, severity, labels, annotations, data, generatorUrl, source,
                startsAt, endsAt, updatedAt, acknowledgedAt, acknowledgedBy, resolvedAt, count);
    }
}

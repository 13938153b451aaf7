package io.tenancycore.alert.history;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/**
 * One line of an alert's or a tenant's history: a state change ({@code created}, {@code refired},
 * {@code acknowledged}, {@code resolved}, {@code escalated}) or a notification step ({@code notification_attempt},
 * {@code notification_sent}, {@code notification_failed}, {@code render_fallback}, {@code silenced},
 * {@code inhibited}, {@code not_routed}). {@code outcome}, {@code receiver}, {@code attempt} belong to notifications.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
// a Redis value or Kafka payload that Jackson maps outside REST endpoints: a native executable needs it listed
@RegisterForReflection(registerFullHierarchy = true)
public record HistoryEntry(Instant at, String kind, String fingerprint, String alertName, String state, String actor,
        String receiver, String receiverType, Integer attempt, String outcome, String detail) {

    public static HistoryEntry stateChange(String kind, String fingerprint, String alertName, String state,
            String actor, String detail) {
        return new HistoryEntry(Instant.now(), kind, fingerprint, alertName, state, actor, null, null, null, null,
                detail);
    }

    public static HistoryEntry notification(String kind, String fingerprint, String alertName, String receiver,
            String receiverType, Integer attempt, String outcome, String detail) {
        return new HistoryEntry(Instant.now(), kind, fingerprint, alertName, null, null, receiver, receiverType,
                attempt, outcome, detail);
    }
}

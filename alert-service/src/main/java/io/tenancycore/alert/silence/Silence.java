package io.tenancycore.alert.silence;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;

/**
 * Alertmanager's silence: while {@code starts_at <= now < ends_at}, alerts matching every matcher are not notified
 * (they are still stored and listed). {@code created_by} is the token's subject; {@code status} is derived.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Silence(String id, List<String> matchers, Instant startsAt, Instant endsAt, String createdBy,
        String comment, Instant updatedAt, String status) {

    public String statusAt(Instant now) {
        return now.isBefore(startsAt) ? "pending" : now.isBefore(endsAt) ? "active" : "expired";
    }

    public Silence withStatus(Instant now) {
        return new Silence(id, matchers, startsAt, endsAt, createdBy, comment, updatedAt, statusAt(now));
    }
}

package io.tenancycore.alert.escalation;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * An escalation policy: for firing alerts matching {@code matchers} that nobody acknowledges, level 0's receivers are
 * notified once its {@code delay} has passed since the alert started, level 1's after a further {@code delay}, and so
 * on. Acknowledging (or resolving) the alert stops it.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record EscalationPolicy(String name, List<String> matchers, List<Level> levels) {

    /** One level: how long after the previous one, and whom to notify. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Level(String delay, List<String> receivers) {
    }
}

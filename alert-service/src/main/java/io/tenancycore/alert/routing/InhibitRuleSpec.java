package io.tenancycore.alert.routing;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * Alertmanager's inhibit rule: while an alert matching {@code source_matchers} fires, alerts matching
 * {@code target_matchers} that carry the same values of the {@code equal} labels are not notified.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record InhibitRuleSpec(List<String> sourceMatchers, List<String> targetMatchers, List<String> equal) {
}

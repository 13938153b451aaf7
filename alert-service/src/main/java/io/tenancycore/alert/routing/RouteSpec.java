package io.tenancycore.alert.routing;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * One node of Alertmanager's route tree as a tenant writes it: matchers in Alertmanager's text form
 * ({@code severity="critical"}), {@code group_by} label names ({@code ["..."]} groups by every label), timings as
 * Prometheus durations ({@code 30s}, {@code 5m}); what a child leaves out it inherits from its parent.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RouteSpec(String receiver, List<String> matchers, List<String> groupBy, String groupWait,
        String groupInterval, String repeatInterval, @JsonProperty("continue") Boolean continueMatching,
        List<RouteSpec> routes) {
}

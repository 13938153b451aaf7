package io.tenancycore.alert.routing;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** A tenant's routing: the route tree (its root names the default receiver) and the inhibit rules. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RoutingDocument(RouteSpec route, List<InhibitRuleSpec> inhibitRules) {
}

package io.tenancycore.alert.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.Map;

/**
 * Body of {@code POST /v1/tenants/{t}/alerts}: the seed's {@code {"name": "system.high_cpu", "data": {"value": 95}}};
 * everything but {@code name} is optional.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AlertRequest(String name, JsonNode data, String severity, Map<String, String> labels,
        Map<String, String> annotations, Instant startsAt, Instant endsAt, String generatorUrl) {
}

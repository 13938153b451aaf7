package io.tenancycore.alert.alert;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;

/**
 * One alert of Alertmanager's v2 API ({@code POST /api/v2/alerts}), exactly as Prometheus sends it (camelCase, the
 * wire format of another product); unknown fields are ignored so a newer Prometheus still gets through.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PostableAlert(Map<String, String> labels, Map<String, String> annotations,
        @JsonProperty("startsAt") Instant startsAt, @JsonProperty("endsAt") Instant endsAt,
        @JsonProperty("generatorURL") String generatorUrl) {
}

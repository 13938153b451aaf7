package io.tenancycore.admincli.health;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What one probe found: a service, Kafka or Redis. {@code detail} says why it is not UP (HTTP status, connection
 * error); {@code checks} are the service's own health checks (SmallRye Health), shown with --detailed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ComponentHealth(String name, String target, String status,
        @JsonProperty("latency_ms") long latencyMs, String version, String detail, List<Check> checks) {

    public static final String UP = "UP";
    public static final String DOWN = "DOWN";
    public static final String UNREACHABLE = "UNREACHABLE";

    @JsonIgnore
    public boolean isUp() {
        return UP.equals(status);
    }

    public record Check(String name, String status) {
    }
}

package io.tenancycore.commons.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.Map;

/**
 * Data of the {@value EventTypes#ALERT_SIGNAL} CloudEvent on {@code tenancy.alert-signals} (key and {@code tenantid}:
 * the tenant): any service or the gateway reports a named signal with labels and values (e.g. {@code system.high_cpu},
 * {@code {"value": 95}}); alert-service's per-tenant rules decide whether it becomes an alert.
 *
 * @param name what was observed, e.g. {@code system.high_cpu}
 * @param labels where (host, service, ...), optional
 * @param data the values conditions read ({@code value > 90}), optional
 * @param observedAt when; optional (the event's time otherwise)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
// a Redis value or Kafka payload that Jackson maps outside REST endpoints: a native executable needs it listed
@RegisterForReflection(registerFullHierarchy = true)
public record AlertSignal(String name, Map<String, String> labels, Map<String, Object> data,
        @JsonProperty("observed_at") Instant observedAt) {

    public static final String TYPE = EventTypes.ALERT_SIGNAL;
}

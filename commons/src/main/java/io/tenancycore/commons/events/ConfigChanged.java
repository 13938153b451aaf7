package io.tenancycore.commons.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * Data of the {@value EventTypes#CONFIG_CHANGED} CloudEvent on {@code tenancy.config-changes}: config-service writes
 * it, every replica of every service reads it (hot reload, cache invalidation).
 *
 * @param tenantId the tenant whose configuration changed; {@value #ALL_TENANTS} for a global or environment layer
 * @param layer the layer changed; when one revision touched several (a rollback), the first, with all in
 *        {@code layers}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
// a Redis value or Kafka payload that Jackson maps outside REST endpoints: a native executable needs it listed
@RegisterForReflection(registerFullHierarchy = true)
public record ConfigChanged(@JsonProperty("tenant_id") String tenantId, long revision, List<String> keys,
        String layer, List<String> layers) {

    public static final String TYPE = EventTypes.CONFIG_CHANGED;
    public static final String ALL_TENANTS = "*";

    public boolean platformWide() {
        return ALL_TENANTS.equals(tenantId);
    }
}

package io.tenancycore.config.layers;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** Response bodies of the configuration API. */
public final class ConfigViews {

    private ConfigViews() {
    }

    /** The merged view; each key says which layer it came from. */
    public record Effective(@JsonProperty("tenant_id") String tenantId, String environment, long revision,
            @JsonProperty("platform_revision") long platformRevision, Map<String, Entry> entries) {
    }

    public record Entry(JsonNode value, String layer,
            @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean secret) {
    }

    public record Key(String key, JsonNode value, String layer, boolean secret, long revision) {
    }

    public record Written(long revision) {
    }

    public record Rollback(@JsonProperty("to_revision") long toRevision) {
    }
}

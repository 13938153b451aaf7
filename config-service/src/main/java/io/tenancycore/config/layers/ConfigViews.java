package io.tenancycore.config.layers;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Response bodies of the configuration API. */
public final class ConfigViews {

    private ConfigViews() {
    }

    /** The merged view; each key says which layer it came from. */
    @Schema(description = "The merged configuration; the ETag is \"<revision>.<platform_revision>\"")
    public record Effective(@JsonProperty("tenant_id") String tenantId, String environment, long revision,
            @JsonProperty("platform_revision") long platformRevision,
            @Schema(description = "Key → entry") Map<String, Entry> entries) {
    }

    public record Entry(@Schema(description = "Any JSON value; a secret reads as the mask unless revealed",
            implementation = Object.class) JsonNode value, String layer,
            @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean secret,
            @Schema(description = "The revision of the layer's owner (the tenant; the platform for global and "
                    + "environment layers) that last set the key; 0 for a value from core.yaml")
            @JsonProperty("mod_revision") long modRevision) {
    }

    @Schema(description = "One key of the merged view; the ETag is \"<layer>:<mod_revision>\"")
    public record Key(String key, @Schema(implementation = Object.class) JsonNode value, String layer,
            boolean secret, @JsonProperty("mod_revision") long modRevision, long revision) {
    }

    @Schema(description = "The revision a write made")
    public record Written(long revision) {
    }

    public record Rollback(@JsonProperty("to_revision") long toRevision) {
    }
}

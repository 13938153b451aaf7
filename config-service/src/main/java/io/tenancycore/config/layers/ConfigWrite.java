package io.tenancycore.config.layers;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of a single-key write. */
@Schema(description = "A configuration value; secret values are stored only as ciphertext from security-service")
public record ConfigWrite(
        @NotNull @Schema(description = "Any JSON value", required = true) JsonNode value,
        @Schema(description = "Store encrypted; reads mask it unless the caller may and asks to reveal") Boolean secret) {

    public boolean isSecret() {
        return Boolean.TRUE.equals(secret);
    }
}

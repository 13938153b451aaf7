package io.tenancycore.config.layers;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A key of the merged view: its value (ciphertext for a secret), the layer it came from, whether it is secret, and
 * the revision of that layer's owner (the tenant, or the platform for global and environment layers) that last set
 * it; 0 for a value that comes from core.yaml.
 */
public record EffectiveEntry(JsonNode value, String layer, boolean secret, long modRevision) {
}

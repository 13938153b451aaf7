package io.tenancycore.config.layers;

import com.fasterxml.jackson.databind.JsonNode;

/** A key of the merged view: its value (ciphertext for a secret), the layer it came from, whether it is secret. */
public record EffectiveEntry(JsonNode value, String layer, boolean secret) {
}

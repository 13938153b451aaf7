package io.tenancycore.config.layers;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.tenancycore.config.support.Json;

/**
 * A value as kept in a layer hash: the JSON value, or for a secret the ciphertext from security-service
 * ({@code tc:v1:...}) as a JSON string. The plaintext of a secret is never stored.
 */
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
public record StoredValue(JsonNode value, boolean secret) {

    public static StoredValue plain(JsonNode value) {
        return new StoredValue(value, false);
    }

    public static StoredValue ciphertext(String ciphertext) {
        return new StoredValue(Json.mapper().getNodeFactory().textNode(ciphertext), true);
    }

    public String ciphertext() {
        return secret ? value.asText() : null;
    }

    public String encode() {
        return Json.write(this);
    }

    public static StoredValue decode(String stored) {
        return Json.read(stored, StoredValue.class);
    }
}

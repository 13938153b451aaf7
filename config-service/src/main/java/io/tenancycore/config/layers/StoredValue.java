package io.tenancycore.config.layers;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.tenancycore.config.support.Json;
import java.util.Objects;

/**
 * A value as kept in a layer hash: the JSON value, or for a secret the ciphertext from security-service
 * ({@code tc:v1:...}) as a JSON string. The plaintext of a secret is never stored.
 *
 * @param modRevision the revision (of the layer's owner) that last set the key, etcd's {@code mod_revision}; the
 *        store's write script writes it in front of the value, so a value about to be written carries 0
 */
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
public record StoredValue(@JsonProperty("mod_revision") long modRevision, JsonNode value, boolean secret) {

    public static StoredValue plain(JsonNode value) {
        return new StoredValue(0, value, false);
    }

    public static StoredValue ciphertext(String ciphertext) {
        return new StoredValue(0, Json.mapper().getNodeFactory().textNode(ciphertext), true);
    }

    public String ciphertext() {
        return secret ? value.asText() : null;
    }

    /** Same value and kind, whichever revision wrote it. */
    public boolean sameContent(StoredValue other) {
        return other != null && secret == other.secret && Objects.equals(value, other.value);
    }

    /** The value to write again (a rollback): without the revision that wrote it before. */
    public StoredValue withoutRevision() {
        return new StoredValue(0, value, secret);
    }

    public String encode() {
        return Json.write(this);
    }

    public static StoredValue decode(String stored) {
        return Json.read(stored, StoredValue.class);
    }
}

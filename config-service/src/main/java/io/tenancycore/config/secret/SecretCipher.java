package io.tenancycore.config.secret;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;

/** Turns a secret configuration value into ciphertext and back, per tenant; plaintext never leaves memory. */
public interface SecretCipher {

    Uni<String> encrypt(String tenantId, JsonNode value);

    Uni<JsonNode> decrypt(String tenantId, String ciphertext);
}

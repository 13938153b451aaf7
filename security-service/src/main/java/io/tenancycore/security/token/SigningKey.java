package io.tenancycore.security.token;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A token signing key as stored: the public JWK in clear, the private key (PKCS#8) wrapped by the master key.
 *
 * @param retiredAt when a newer key took over; the public key stays published until tokens it signed expired
 */
public record SigningKey(@JsonProperty("kid") String kid, @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("retired_at") Instant retiredAt, @JsonProperty("public_jwk") String publicJwk,
        @JsonProperty("private_wrapped") String privateWrapped) {

    public static String materialLocation(String kid) {
        return "signing/" + kid;
    }

    public SigningKey retire(Instant when) {
        return new SigningKey(kid, createdAt, when, publicJwk, privateWrapped);
    }
}

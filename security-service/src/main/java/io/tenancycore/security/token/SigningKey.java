package io.tenancycore.security.token;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/**
 * A token signing key as stored: the public JWK in clear, the private key (PKCS#8) wrapped by the master key.
 *
 * @param retiredAt when a newer key took over; the public key stays published until tokens it signed expired
 */
// a Redis value or Kafka payload that Jackson maps outside REST endpoints: a native executable needs it listed
@RegisterForReflection(registerFullHierarchy = true)
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

package io.tenancycore.security.token;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;

/**
 * An OAuth2 client (client credentials grant) as stored. {@code secretHash} is a slow salted hash; the secret itself
 * is shown once when the client is created and never stored.
 *
 * @param tenantId null for platform clients (platform-admin, the services)
 * @param secretBits estimated strength of the secret, for compliance reports
 */
// a Redis value or Kafka payload that Jackson maps outside REST endpoints: a native executable needs it listed
@RegisterForReflection(registerFullHierarchy = true)
public record OAuthClient(@JsonProperty("client_id") String clientId, @JsonProperty("tenant_id") String tenantId,
        @JsonProperty("name") String name, @JsonProperty("roles") List<String> roles,
        @JsonProperty("secret_hash") String secretHash, @JsonProperty("secret_bits") int secretBits,
        @JsonProperty("created_at") Instant createdAt, @JsonProperty("last_used_at") Instant lastUsedAt) {

    public OAuthClient {
        roles = roles == null ? List.of() : List.copyOf(roles);
    }

    public OAuthClient withSecret(String newHash, int bits) {
        return new OAuthClient(clientId, tenantId, name, roles, newHash, bits, createdAt, lastUsedAt);
    }

    public OAuthClient withRoles(List<String> newRoles) {
        return new OAuthClient(clientId, tenantId, name, newRoles, secretHash, secretBits, createdAt, lastUsedAt);
    }
}

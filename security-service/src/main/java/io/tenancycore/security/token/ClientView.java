package io.tenancycore.security.token;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/** A client as shown to callers; {@code client_secret} only in the answer to its creation. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClientView(@JsonProperty("client_id") String clientId, @JsonProperty("tenant_id") String tenantId,
        @JsonProperty("name") String name, @JsonProperty("roles") List<String> roles,
        @JsonProperty("created_at") Instant createdAt, @JsonProperty("last_used_at") Instant lastUsedAt,
        @JsonProperty("client_secret") String clientSecret) {

    static ClientView of(OAuthClient client) {
        return new ClientView(client.clientId(), client.tenantId(), client.name(), client.roles(), client.createdAt(),
                client.lastUsedAt(), null);
    }

    static ClientView withSecret(OAuthClient client, String secret) {
        return new ClientView(client.clientId(), client.tenantId(), client.name(), client.roles(), client.createdAt(),
                null, secret);
    }
}

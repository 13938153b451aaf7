package io.tenancycore.config.secret;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * security-service's encryption-as-a-service API, the part config-service uses. URL:
 * {@code quarkus.rest-client.security-service.url} (env {@code TENANCY_SECURITY_SERVICE_URL}); the bearer token is
 * config-service's own client-credentials token (scope keys:write, keys:encrypt, keys:decrypt), attached by the OIDC
 * filter. The fault-tolerance policy is {@link TransitSecretCipher}'s, around the whole secret operation.
 */
@RegisterRestClient(configKey = "security-service")
@OidcClientFilter
@Path("/v1/tenants/{tenantId}/keys")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface TransitApi {

    @POST
    Uni<KeyMetadata> createKey(@PathParam("tenantId") String tenantId, NewKey key);

    @POST
    @Path("/{name}/encrypt")
    Uni<Ciphertext> encrypt(@PathParam("tenantId") String tenantId, @PathParam("name") String keyName,
            Plaintext plaintext);

    @POST
    @Path("/{name}/decrypt")
    Uni<Plaintext> decrypt(@PathParam("tenantId") String tenantId, @PathParam("name") String keyName,
            Ciphertext ciphertext);

    record NewKey(String name, boolean exportable) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record KeyMetadata(String name, @JsonProperty("latest_version") Integer latestVersion) {
    }

    /** base64 of the value's JSON; {@code toString} never shows it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Plaintext(String plaintext, String context) {
        @Override
        public String toString() {
            return "Plaintext[***]";
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Ciphertext(String ciphertext) {
    }
}

package io.tenancycore.commons.transit;

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
 * security-service's encryption-as-a-service API, the part other services use to keep secrets (config-service's
 * secret values, alert-service's receiver secrets): create the tenant's key, encrypt, decrypt. URL:
 * {@code quarkus.rest-client.security-service.url} (env {@code TENANCY_SECURITY_SERVICE_URL}); the bearer token is the
 * calling service's own client-credentials token (keys:write, keys:encrypt, keys:decrypt), attached by the OIDC
 * filter. Fault tolerance is the caller's, around its whole secret operation.
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
        public Plaintext(String plaintext) {
            this(plaintext, null);
        }

        @Override
        public String toString() {
            return "Plaintext[***]";
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Ciphertext(String ciphertext) {
    }
}

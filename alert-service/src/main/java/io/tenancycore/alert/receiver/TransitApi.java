package io.tenancycore.alert.receiver;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
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
 * security-service's transit engine, the part that keeps receiver secrets: create the tenant's key, encrypt, decrypt.
 * URL {@code quarkus.rest-client.security-service.url}; the bearer token is alert-service's own (keys:write,
 * keys:encrypt, keys:decrypt), attached by the OIDC filter. Resilience is {@link ReceiverSecrets}'.
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
    record KeyMetadata(String name) {
    }

    /** base64 of the secret's UTF-8 bytes; {@code toString} never shows it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Plaintext(String plaintext) {
        @Override
        public String toString() {
            return "Plaintext[***]";
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Ciphertext(String ciphertext) {
    }
}

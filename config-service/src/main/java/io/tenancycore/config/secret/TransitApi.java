package io.tenancycore.config.secret;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** security-service's encryption-as-a-service API (contracts.md), the part config-service uses. */
@RegisterRestClient(configKey = "security-service", baseUri = "http://localhost:8082")
@Path("/v1/tenants/{tenantId}/keys")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface TransitApi {

    @POST
    Uni<KeyMetadata> createKey(@PathParam("tenantId") String tenantId, NewKey key,
            @HeaderParam("Authorization") String authorization);

    @POST
    @Path("/{name}/encrypt")
    Uni<Ciphertext> encrypt(@PathParam("tenantId") String tenantId, @PathParam("name") String keyName,
            Plaintext plaintext, @HeaderParam("Authorization") String authorization);

    @POST
    @Path("/{name}/decrypt")
    Uni<Plaintext> decrypt(@PathParam("tenantId") String tenantId, @PathParam("name") String keyName,
            Ciphertext ciphertext, @HeaderParam("Authorization") String authorization);

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

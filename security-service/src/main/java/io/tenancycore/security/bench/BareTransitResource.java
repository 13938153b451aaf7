package io.tenancycore.security.bench;

import io.quarkus.arc.profile.IfBuildProfile;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/**
 * The baseline of {@code benchmarks/security-transit.sh}: reactive JAX-RS endpoints in the same application with
 * the shape of encrypt and decrypt (a JSON body with one base64 field in, one out) but no token, tenant, permission,
 * key lookup or cryptography. Only built with {@code -Dquarkus.profile=bench}; absent from every other build.
 */
@IfBuildProfile("bench")
@Path("/bench/bare")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class BareTransitResource {

    static final String PREFIX = "tc:v1:";

    @POST
    @Path("/encrypt")
    public Uni<Map<String, String>> encrypt(Map<String, String> request) {
        return Uni.createFrom().item(Map.of("ciphertext", PREFIX + request.getOrDefault("plaintext", "")));
    }

    @POST
    @Path("/decrypt")
    public Uni<Map<String, String>> decrypt(Map<String, String> request) {
        String ciphertext = request.getOrDefault("ciphertext", "");
        return Uni.createFrom().item(Map.of("plaintext",
                ciphertext.startsWith(PREFIX) ? ciphertext.substring(PREFIX.length()) : ciphertext));
    }
}

package io.tenancycore.template.bench;

import io.quarkus.arc.profile.IfBuildProfile;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/**
 * The baseline of {@code benchmarks/template-render.sh}: a bare reactive JAX-RS endpoint in the same application,
 * reading a JSON body and answering JSON, without token, tenant, permission or template work. Only built with
 * {@code -Dquarkus.profile=bench}; absent from every other build.
 */
@IfBuildProfile("bench")
@Path("/bench/bare")
public class BareResource {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Map<String, Object>> echo(Map<String, Object> request) {
        return Uni.createFrom().item(Map.of("body", "Hello " + request.getOrDefault("locale", "en")));
    }
}

package io.tenancycore.config.bench;

import io.quarkus.arc.profile.IfBuildProfile;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/**
 * The baseline of {@code benchmarks/config-read.sh}: a bare Quarkus REST endpoint in the same application, so the
 * benchmark measures what our effective-config read costs on top of the framework. Only in builds with the
 * {@code bench} profile ({@code -Dquarkus.profile=bench}); never in a normal build.
 */
@IfBuildProfile("bench")
@Path("/bench/bare")
public class BareBenchResource {

    private static final Map<String, Object> BODY = Map.of("tenant_id", "bench", "revision", 1);

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Map<String, Object>> bare() {
        return Uni.createFrom().item(BODY);
    }
}

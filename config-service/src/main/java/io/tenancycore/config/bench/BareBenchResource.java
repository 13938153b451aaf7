package io.tenancycore.config.bench;

import io.quarkus.arc.profile.IfBuildProfile;
import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.permission.RequiresPermission;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
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

    /**
     * The same tiny body behind everything a tenant read passes through before the resource (the tenant path, the
     * tenant context and isolation check, the tenant-status check, the permission check), so the benchmark can tell
     * the cost of that stack from the cost of the config view itself.
     */
    @GET
    @Path("/tenants/{tenantId}")
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresPermission("config:read")
    public Uni<Map<String, Object>> bareForTenant(@PathParam("tenantId") String tenantId) {
        return Uni.createFrom().item(BODY);
    }
}

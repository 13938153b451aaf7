package io.tenancycore.alert.routing;

import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.api.ETags;
import io.tenancycore.commons.audit.Audited;
import io.tenancycore.commons.permission.RequiresPermission;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** A tenant's routing document (Alertmanager's route tree and inhibit rules): {@code /v1/tenants/{t}/routing}. */
@Path("/v1/tenants/{tenantId}/routing")
@Produces(MediaType.APPLICATION_JSON)
public class RoutingResource {

    private final RoutingService routing;

    public RoutingResource(RoutingService routing) {
        this.routing = routing;
    }

    @GET
    @RequiresPermission("alerts:read")
    @Operation(summary = "The routing document, with its version as ETag")
    @APIResponse(responseCode = "304", description = "If-None-Match names the current version")
    @APIResponse(responseCode = "200", description = "The document", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RoutingDocument.class)))
    public Uni<Response> get(@PathParam("tenantId") String tenantId, @HeaderParam("If-None-Match") String ifNoneMatch) {
        return routing.get(tenantId).map(found -> ETags.notModified(ifNoneMatch, Long.toString(found.version()))
                ? Response.notModified().tag(Long.toString(found.version())).build()
                : Response.ok(found.value()).tag(Long.toString(found.version())).build());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission("alerts:write")
    @Audited(action = "routing.replace", resource = "routing")
    @Operation(summary = "Replace the routing document; If-Match guards against lost updates")
    @APIResponse(responseCode = "200", description = "The stored document", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RoutingDocument.class)))
    @APIResponse(responseCode = "412", description = "If-Match names another version than the current one")
    public Uni<Response> put(@PathParam("tenantId") String tenantId, @HeaderParam("If-Match") String ifMatch,
            RoutingDocument document) {
        return routing.put(tenantId, document, ETags.expectedVersion(ifMatch))
                .map(stored -> Response.ok(stored.value()).tag(Long.toString(stored.version())).build());
    }

    @DELETE
    @RequiresPermission("alerts:write")
    @Audited(action = "routing.delete", resource = "routing")
    @Operation(summary = "Remove the routing document (alerts are then stored but not notified)")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "412", description = "If-Match names another version than the current one")
    public Uni<Response> delete(@PathParam("tenantId") String tenantId, @HeaderParam("If-Match") String ifMatch) {
        return routing.delete(tenantId, ETags.expectedVersion(ifMatch)).map(ignored -> Response.noContent().build());
    }
}

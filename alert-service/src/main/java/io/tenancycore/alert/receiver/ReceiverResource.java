package io.tenancycore.alert.receiver;

import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.api.ETags;
import io.tenancycore.commons.api.Page;
import io.tenancycore.commons.api.PageRequest;
import io.tenancycore.commons.audit.Audited;
import io.tenancycore.commons.permission.RequiresPermission;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import io.tenancycore.alert.support.Written;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** A tenant's receivers: {@code /v1/tenants/{tenantId}/receivers} (secrets are write-only). */
@Path("/v1/tenants/{tenantId}/receivers")
@Produces(MediaType.APPLICATION_JSON)
public class ReceiverResource {

    /** For the OpenAPI document: a page of receivers. */
    public static final class ReceiverPage {
        public List<ReceiverView> items;
        @com.fasterxml.jackson.annotation.JsonProperty("next_cursor")
        @Schema(nullable = true)
        public String nextCursor;
    }

    private final ReceiverService receivers;

    public ReceiverResource(ReceiverService receivers) {
        this.receivers = receivers;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission("alerts:write")
    @Audited(action = "receiver.create", resource = "receivers")
    @Operation(summary = "Create a receiver (webhook, slack or email)")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReceiverView.class)))
    public Uni<Response> create(@PathParam("tenantId") String tenantId, Receiver receiver, UriInfo uriInfo) {
        String name = receiver == null ? null : receiver.name();
        return receivers.put(tenantId, name, receiver, 0).map(view -> Response
                .created(uriInfo.getAbsolutePathBuilder().path(view.name()).build())
                .tag(Long.toString(view.version())).entity(view).build());
    }

    @PUT
    @Path("/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission("alerts:write")
    @Audited(action = "receiver.replace", resource = "receivers")
    @Operation(summary = "Create or replace a receiver; If-Match guards a replace")
    @APIResponse(responseCode = "201", description = "Created (its first version); Location names it",
            content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReceiverView.class)))
    @APIResponse(responseCode = "200", description = "The stored version", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReceiverView.class)))
    @APIResponse(responseCode = "412", description = "If-Match names another version than the current one")
    public Uni<Response> replace(@PathParam("tenantId") String tenantId, @PathParam("name") String name,
            @HeaderParam("If-Match") String ifMatch, Receiver receiver, UriInfo uriInfo) {
        return receivers.put(tenantId, name, receiver, ETags.expectedVersion(ifMatch))
                .map(view -> Written.answer(uriInfo, view, view.version()));
    }

    @GET
    @RequiresPermission("alerts:read")
    @Operation(summary = "The tenant's receivers, by name")
    @APIResponse(responseCode = "200", description = "A page of receivers", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReceiverPage.class)))
    public Uni<Page<ReceiverView>> list(@PathParam("tenantId") String tenantId, @BeanParam PageRequest page) {
        page.limit();
        page.offset();
        return receivers.list(tenantId).map(all -> Page.of(all, page));
    }

    @GET
    @Path("/{name}")
    @RequiresPermission("alerts:read")
    @Operation(summary = "One receiver")
    public Uni<Response> get(@PathParam("tenantId") String tenantId, @PathParam("name") String name) {
        return receivers.get(tenantId, name).map(view -> Response.ok(view).tag(Long.toString(view.version()))
                .build());
    }

    @DELETE
    @Path("/{name}")
    @RequiresPermission("alerts:write")
    @Audited(action = "receiver.delete", resource = "receivers")
    @Operation(summary = "Remove a receiver")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "412", description = "If-Match names another version than the current one")
    public Uni<Response> delete(@PathParam("tenantId") String tenantId, @PathParam("name") String name,
            @HeaderParam("If-Match") String ifMatch) {
        return receivers.delete(tenantId, name, ETags.expectedVersion(ifMatch))
                .map(ignored -> Response.noContent().build());
    }
}

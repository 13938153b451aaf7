package io.tenancycore.alert.silence;

import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.api.ETags;
import io.tenancycore.commons.api.Page;
import io.tenancycore.commons.api.PageRequest;
import io.tenancycore.commons.audit.Audited;
import io.tenancycore.commons.permission.RequiresPermission;
import io.tenancycore.commons.tenant.TenantContext;
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

/** A tenant's silences: {@code /v1/tenants/{tenantId}/silences}. */
@Path("/v1/tenants/{tenantId}/silences")
@Produces(MediaType.APPLICATION_JSON)
public class SilenceResource {

    /** For the OpenAPI document: a page of silences. */
    public static final class SilencePage {
        public List<Silence> items;
        @com.fasterxml.jackson.annotation.JsonProperty("next_cursor")
        @Schema(nullable = true)
        public String nextCursor;
    }

    private final SilenceService silences;
    private final TenantContext caller;

    public SilenceResource(SilenceService silences, TenantContext caller) {
        this.silences = silences;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission("alerts:write")
    @Audited(action = "silence.create", resource = "silences")
    @Operation(summary = "Silence the alerts matching every matcher between starts_at and ends_at")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Silence.class)))
    public Uni<Response> create(@PathParam("tenantId") String tenantId, SilenceRequest request, UriInfo uriInfo) {
        return silences.create(tenantId, request, caller.subject().orElse("anonymous")).map(created -> Response
                .created(uriInfo.getAbsolutePathBuilder().path(created.value().id()).build())
                .tag(Long.toString(created.version())).entity(created.value()).build());
    }

    @GET
    @RequiresPermission("alerts:read")
    @Operation(summary = "The tenant's silences (pending, active and expired)")
    @APIResponse(responseCode = "200", description = "A page of silences", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SilencePage.class)))
    public Uni<Page<Silence>> list(@PathParam("tenantId") String tenantId, @BeanParam PageRequest page) {
        page.limit();
        page.offset();
        return silences.list(tenantId).map(all -> Page.of(all, page));
    }

    @GET
    @Path("/{id}")
    @RequiresPermission("alerts:read")
    @Operation(summary = "One silence")
    public Uni<Response> get(@PathParam("tenantId") String tenantId, @PathParam("id") String id) {
        return silences.get(tenantId, id).map(found -> Response.ok(found.value())
                .tag(Long.toString(found.version())).build());
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission("alerts:write")
    @Audited(action = "silence.replace", resource = "silences")
    @Operation(summary = "Change a silence; If-Match guards against lost updates")
    @APIResponse(responseCode = "201", description = "Created (its first version); Location names it",
            content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Silence.class)))
    @APIResponse(responseCode = "200", description = "The stored version", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Silence.class)))
    @APIResponse(responseCode = "412", description = "If-Match names another version than the current one")
    public Uni<Response> replace(@PathParam("tenantId") String tenantId, @PathParam("id") String id,
            @HeaderParam("If-Match") String ifMatch, SilenceRequest request, UriInfo uriInfo) {
        return silences.replace(tenantId, id, request, caller.subject().orElse("anonymous"),
                ETags.expectedVersion(ifMatch)).map(found -> Written.answer(uriInfo, found.value(), found.version()));
    }

    @DELETE
    @Path("/{id}")
    @RequiresPermission("alerts:write")
    @Audited(action = "silence.expire", resource = "silences")
    @Operation(summary = "Expire a silence now (it stays listed as expired)")
    @APIResponse(responseCode = "204", description = "Expired")
    @APIResponse(responseCode = "412", description = "If-Match names another version than the current one")
    public Uni<Response> expire(@PathParam("tenantId") String tenantId, @PathParam("id") String id,
            @HeaderParam("If-Match") String ifMatch) {
        return silences.expire(tenantId, id, ETags.expectedVersion(ifMatch)).map(x -> Response.noContent().build());
    }
}

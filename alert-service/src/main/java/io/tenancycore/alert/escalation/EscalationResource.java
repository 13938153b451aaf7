package io.tenancycore.alert.escalation;

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

/** A tenant's escalation policies: {@code /v1/tenants/{tenantId}/escalation-policies}. */
@Path("/v1/tenants/{tenantId}/escalation-policies")
@Produces(MediaType.APPLICATION_JSON)
public class EscalationResource {

    /** For the OpenAPI document: a page of policies. */
    public static final class PolicyPage {
        public List<EscalationPolicy> items;
        @com.fasterxml.jackson.annotation.JsonProperty("next_cursor")
        @Schema(nullable = true)
        public String nextCursor;
    }

    private final EscalationService policies;

    public EscalationResource(EscalationService policies) {
        this.policies = policies;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission("alerts:write")
    @Audited(action = "escalation.create", resource = "escalation-policies")
    @Operation(summary = "Create an escalation policy")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EscalationPolicy.class)))
    public Uni<Response> create(@PathParam("tenantId") String tenantId, EscalationPolicy policy, UriInfo uriInfo) {
        return policies.put(tenantId, null, policy, 0)
                .map(created -> Written.created(uriInfo, created.value().name(), created));
    }

    @PUT
    @Path("/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission("alerts:write")
    @Audited(action = "escalation.replace", resource = "escalation-policies")
    @Operation(summary = "Create or replace an escalation policy; If-Match guards a replace")
    @APIResponse(responseCode = "201", description = "Created (its first version); Location names it",
            content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EscalationPolicy.class)))
    @APIResponse(responseCode = "200", description = "The stored policy", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EscalationPolicy.class)))
    @APIResponse(responseCode = "412", description = "If-Match names another version than the current one")
    public Uni<Response> replace(@PathParam("tenantId") String tenantId, @PathParam("name") String name,
            @HeaderParam("If-Match") String ifMatch, EscalationPolicy policy, UriInfo uriInfo) {
        return policies.put(tenantId, name, policy, ETags.expectedVersion(ifMatch))
                .map(stored -> Written.replaced(uriInfo, stored));
    }

    @GET
    @RequiresPermission("alerts:read")
    @Operation(summary = "The tenant's escalation policies, by name")
    @APIResponse(responseCode = "200", description = "A page of policies", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PolicyPage.class)))
    public Uni<Page<EscalationPolicy>> list(@PathParam("tenantId") String tenantId, @BeanParam PageRequest page) {
        page.limit();
        page.offset();
        return policies.list(tenantId).map(all -> Page.of(all, page));
    }

    @GET
    @Path("/{name}")
    @RequiresPermission("alerts:read")
    @Operation(summary = "One escalation policy")
    @APIResponse(responseCode = "200", description = "The policy", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EscalationPolicy.class)))
    public Uni<Response> get(@PathParam("tenantId") String tenantId, @PathParam("name") String name) {
        return policies.get(tenantId, name).map(Written::found);
    }

    @DELETE
    @Path("/{name}")
    @RequiresPermission("alerts:write")
    @Audited(action = "escalation.delete", resource = "escalation-policies")
    @Operation(summary = "Remove an escalation policy")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "412", description = "If-Match names another version than the current one")
    public Uni<Response> delete(@PathParam("tenantId") String tenantId, @PathParam("name") String name,
            @HeaderParam("If-Match") String ifMatch) {
        return policies.delete(tenantId, name, ETags.expectedVersion(ifMatch)).map(x -> Response.noContent().build());
    }
}

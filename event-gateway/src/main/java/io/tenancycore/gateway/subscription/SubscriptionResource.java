package io.tenancycore.gateway.subscription;

import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.api.Page;
import io.tenancycore.commons.api.PageRequest;
import io.tenancycore.commons.audit.Audited;
import io.tenancycore.commons.permission.RequiresPermission;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** A tenant's webhook subscriptions: {@code /api/events/v1/tenants/{tenantId}/subscriptions}. */
@Path("/api/events/v1/tenants/{tenantId}/subscriptions")
@Produces(MediaType.APPLICATION_JSON)
public class SubscriptionResource {

    /** For the OpenAPI document: a page of subscriptions. */
    public static final class SubscriptionPage {
        public java.util.List<Subscription> items;
        @com.fasterxml.jackson.annotation.JsonProperty("next_cursor")
        @Schema(nullable = true)
        public String nextCursor;
    }

    private final SubscriptionService subscriptions;

    public SubscriptionResource(SubscriptionService subscriptions) {
        this.subscriptions = subscriptions;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission("events:write")
    @Audited(action = "subscription.create", resource = "subscriptions")
    @Operation(summary = "Subscribe a webhook to the tenant's events")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Subscription.class)))
    public Uni<Response> create(@PathParam("tenantId") String tenantId, SubscriptionRequest request,
            UriInfo uriInfo) {
        return subscriptions.create(tenantId, request).map(created -> Response
                .created(uriInfo.getAbsolutePathBuilder().path(created.id()).build()).entity(created).build());
    }

    @GET
    @RequiresPermission("events:read")
    @Operation(summary = "The tenant's subscriptions, oldest first")
    @APIResponse(responseCode = "200", description = "A page of subscriptions",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SubscriptionPage.class)))
    public Uni<Page<Subscription>> list(@PathParam("tenantId") String tenantId, @BeanParam PageRequest page) {
        // read now, so a bad ?limit= or ?cursor= is a 400 before Redis is asked
        page.limit();
        page.offset();
        return subscriptions.list(tenantId).map(all -> Page.of(all, page));
    }

    @GET
    @Path("/{subscriptionId}")
    @RequiresPermission("events:read")
    @Operation(summary = "One subscription")
    public Uni<Subscription> get(@PathParam("tenantId") String tenantId,
            @PathParam("subscriptionId") String subscriptionId) {
        return subscriptions.get(tenantId, subscriptionId);
    }

    @DELETE
    @Path("/{subscriptionId}")
    @RequiresPermission("events:write")
    @Audited(action = "subscription.delete", resource = "subscriptions")
    @Operation(summary = "Remove a subscription")
    @APIResponse(responseCode = "204", description = "Removed")
    public Uni<Response> delete(@PathParam("tenantId") String tenantId,
            @PathParam("subscriptionId") String subscriptionId) {
        return subscriptions.delete(tenantId, subscriptionId).map(ignored -> Response.noContent().build());
    }
}

package io.tenancycore.security.token;

import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.audit.Audited;
import io.tenancycore.commons.permission.RequiresPermission;
import io.tenancycore.commons.validation.TenantId;
import io.tenancycore.commons.api.Page;
import io.tenancycore.commons.api.PageRequest;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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
import jakarta.ws.rs.core.UriBuilder;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/tenants/{tenantId}/clients")
@Tag(name = "OAuth2 clients")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ClientResource {

    @Inject
    ClientService clients;

    @POST
    @RequiresPermission("clients:write")
    @Audited(action = "client.create", resource = "clients")
    @Operation(summary = "Create an OAuth2 client; the secret is returned once and stored only as a slow hash")
    @APIResponse(responseCode = "201", description = "Created, with client_secret (shown only here); Location names it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ClientView.class)))

    public Uni<Response> create(@PathParam("tenantId") @TenantId String tenantId,
            @Valid @NotNull ClientRequest request) {
        return clients.create(tenantId, request).map(view -> Response.created(UriBuilder
                .fromPath("/v1/tenants/{t}/clients/{c}").build(tenantId, view.clientId()))
                .header("Cache-Control", "no-store").entity(view).build());
    }

    @GET
    @RequiresPermission("clients:read")
    @Operation(summary = "The tenant's clients by client id, paged (never their secrets)")
    public Uni<Page<ClientView>> list(@PathParam("tenantId") @TenantId String tenantId,
            @BeanParam PageRequest page) {
        return clients.list(tenantId).map(all -> Page.of(all.stream()
                .sorted(java.util.Comparator.comparing(ClientView::clientId)).toList(), page));
    }

    @GET
    @Path("/{clientId}")
    @RequiresPermission("clients:read")
    @Operation(summary = "One client")
    public Uni<ClientView> get(@PathParam("tenantId") @TenantId String tenantId,
            @PathParam("clientId") String clientId) {
        return clients.get(tenantId, clientId);
    }

    @DELETE
    @Path("/{clientId}")
    @RequiresPermission("clients:write")
    @Audited(action = "client.delete", resource = "clients")
    @Operation(summary = "Delete a client; its live tokens lose every tenant permission at once")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Uni<Response> delete(@PathParam("tenantId") @TenantId String tenantId,
            @PathParam("clientId") String clientId) {
        return clients.delete(tenantId, clientId).replaceWith(Response.noContent().build());
    }
}

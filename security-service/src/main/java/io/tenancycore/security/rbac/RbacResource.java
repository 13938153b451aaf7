package io.tenancycore.security.rbac;

import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.audit.Audited;
import io.tenancycore.commons.error.ProblemException;
import io.tenancycore.commons.permission.RequiresPermission;
import io.tenancycore.commons.rbac.RbacView;
import io.tenancycore.commons.validation.TenantId;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/tenants/{tenantId}")
@Tag(name = "RBAC")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RbacResource {

    @Inject
    RbacService rbac;
    @Inject
    RbacViews views;

    @GET
    @Path("/roles")
    @RequiresPermission("roles:read")
    @Operation(summary = "The tenant's roles with their permissions")
    public Uni<List<Role>> roles(@PathParam("tenantId") @TenantId String tenantId) {
        return rbac.roles(tenantId);
    }

    @GET
    @Path("/rbac")
    @RequiresPermission("roles:read")
    @Operation(summary = "The tenant's RBAC view: its roles and every subject's current roles (client roles and "
            + "bindings)", description = "What every service's permission checks read (and cache until a change of "
            + "the tenant's roles, bindings or clients is announced on tenancy.security-changes).")
    public Uni<RbacView> view(@PathParam("tenantId") @TenantId String tenantId) {
        return views.of(tenantId);
    }

    @GET
    @Path("/roles/{role}")
    @RequiresPermission("roles:read")
    @Operation(summary = "One role")
    public Uni<Role> role(@PathParam("tenantId") @TenantId String tenantId,
            @PathParam("role") @Pattern(regexp = RoleRequest.NAME) String name) {
        return rbac.role(tenantId, name).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("No role '" + name + "' in this tenant."));
    }

    @PUT
    @Path("/roles/{role}")
    @RequiresPermission("roles:write")
    @Audited(action = "role.put", resource = "roles")
    @Operation(summary = "Create or replace a role; platform role names (platform-admin, service, platform-*) are "
            + "refused")
    @APIResponse(responseCode = "422", description = "A platform role name (problem type "
            + ReservedRoleRefused.TYPE + ")")
    public Uni<Role> putRole(@PathParam("tenantId") @TenantId String tenantId,
            @PathParam("role") @Pattern(regexp = RoleRequest.NAME) String name, @Valid @NotNull RoleRequest request) {
        return rbac.putRole(tenantId, name, request.permissions(), request.description());
    }

    @DELETE
    @Path("/roles/{role}")
    @RequiresPermission("roles:write")
    @Audited(action = "role.delete", resource = "roles")
    @Operation(summary = "Delete a role")
    public Uni<Response> deleteRole(@PathParam("tenantId") @TenantId String tenantId,
            @PathParam("role") @Pattern(regexp = RoleRequest.NAME) String name) {
        return rbac.deleteRole(tenantId, name).map(removed -> {
            if (!removed) {
                throw ProblemException.notFound("No role '" + name + "' in this tenant.");
            }
            return Response.noContent().build();
        });
    }

    @POST
    @Path("/roles/defaults")
    @Consumes(MediaType.WILDCARD)
    @RequiresPermission("roles:write")
    @Audited(action = "role.defaults", resource = "roles")
    @Operation(summary = "Create the default roles the tenant lacks (also done when a tenant registers)")
    public Uni<Map<String, List<String>>> defaults(@PathParam("tenantId") @TenantId String tenantId) {
        return rbac.ensureDefaults(tenantId).map(added -> Map.of("added", added));
    }

    @GET
    @Path("/bindings")
    @RequiresPermission("roles:read")
    @Operation(summary = "Subject → roles bindings of the tenant")
    public Uni<Map<String, List<String>>> bindings(@PathParam("tenantId") @TenantId String tenantId) {
        return rbac.bindings(tenantId);
    }

    @PUT
    @Path("/bindings/{subject}")
    @RequiresPermission("roles:write")
    @Audited(action = "binding.put", resource = "bindings")
    @Operation(summary = "Bind roles to a subject; platform roles are refused")
    @APIResponse(responseCode = "422", description = "An unknown role, or a platform role (problem type "
            + ReservedRoleRefused.TYPE + ")")
    public Uni<Map<String, List<String>>> putBinding(@PathParam("tenantId") @TenantId String tenantId,
            @PathParam("subject") @Size(min = 1, max = 200) String subject, @Valid @NotNull BindingRequest request) {
        return rbac.putBinding(tenantId, subject, request.roles()).map(roles -> Map.of(subject, roles));
    }

    @DELETE
    @Path("/bindings/{subject}")
    @RequiresPermission("roles:write")
    @Audited(action = "binding.delete", resource = "bindings")
    @Operation(summary = "Remove a subject's bindings")
    public Uni<Response> deleteBinding(@PathParam("tenantId") @TenantId String tenantId,
            @PathParam("subject") String subject) {
        return rbac.deleteBinding(tenantId, subject).map(removed -> {
            if (!removed) {
                throw ProblemException.notFound("No binding for that subject.");
            }
            return Response.noContent().build();
        });
    }
}

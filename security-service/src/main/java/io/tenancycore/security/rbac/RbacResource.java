package io.tenancycore.security.rbac;

import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.audit.Audited;
import io.tenancycore.commons.error.ProblemException;
import io.tenancycore.commons.permission.RequiresPermission;
import io.tenancycore.commons.rbac.RbacView;
import io.tenancycore.commons.validation.TenantId;
import io.tenancycore.commons.lease.WriteLocks;
import io.tenancycore.security.concurrency.LockKeys;
import io.tenancycore.security.concurrency.ResourceTags;
import io.tenancycore.commons.api.Page;
import io.tenancycore.commons.api.PageRequest;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
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
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Roles, bindings and the RBAC view of a tenant. Roles and bindings are mutable resources: reads carry an
 * {@code ETag}, writes honour {@code If-Match} (412), a PUT that creates answers 201 with {@code Location}.
 */
@Path("/v1/tenants/{tenantId}")
@Tag(name = "RBAC")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RbacResource {

    @Inject
    RbacService rbac;
    @Inject
    RbacViews views;
    @Inject
    WriteLocks writeLocks;

    @GET
    @Path("/roles")
    @RequiresPermission("roles:read")
    @Operation(summary = "The tenant's roles with their permissions, by name, paged")
    public Uni<Page<Role>> roles(@PathParam("tenantId") @TenantId String tenantId,
            @BeanParam PageRequest page) {
        return rbac.roles(tenantId).map(all -> Page.of(all, page));
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
    @Operation(summary = "One role, with its ETag")
    @APIResponse(responseCode = "200", description = "The role; ETag is its version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Role.class)))
    public Uni<Response> role(@PathParam("tenantId") @TenantId String tenantId,
            @PathParam("role") @Pattern(regexp = RoleRequest.NAME) String name) {
        return rbac.role(tenantId, name).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("No role '" + name + "' in this tenant."))
                .map(role -> Response.ok(role).tag(ResourceTags.version(role)).build());
    }

    @PUT
    @Path("/roles/{role}")
    @RequiresPermission("roles:write")
    @Audited(action = "role.put", resource = "roles")
    @Operation(summary = "Create (201) or replace (200) a role; If-Match guards a replace; platform role names "
            + "(platform-admin, service, platform-*) and unknown permissions are refused")
    @APIResponse(responseCode = "200", description = "Replaced",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Role.class)))
    @APIResponse(responseCode = "201", description = "Created; Location names it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Role.class)))
    @APIResponse(responseCode = "412", description = "If-Match does not match the role's ETag")
    @APIResponse(responseCode = "422", description = "A platform role name (problem type " + ReservedRoleRefused.TYPE
            + ") or permissions outside the catalogue (" + UnknownNames.UNKNOWN_PERMISSION + ")")
    public Uni<Response> putRole(@PathParam("tenantId") @TenantId String tenantId,
            @PathParam("role") @Pattern(regexp = RoleRequest.NAME) String name,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @Valid @NotNull RoleRequest request) {
        return writeLocks.serialized(LockKeys.role(tenantId, name), () -> rbac.role(tenantId, name).chain(current -> {
            ResourceTags.requireMatch(ifMatch, current);
            return rbac.putRole(tenantId, name, request.permissions(), request.description())
                    .map(role -> written(role, current == null, ResourceTags.version(role),
                            "/v1/tenants/{t}/roles/{r}", tenantId, name));
        }));
    }

    @DELETE
    @Path("/roles/{role}")
    @RequiresPermission("roles:write")
    @Audited(action = "role.delete", resource = "roles")
    @Operation(summary = "Delete a role")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "412", description = "If-Match does not match the role's ETag")
    public Uni<Response> deleteRole(@PathParam("tenantId") @TenantId String tenantId,
            @PathParam("role") @Pattern(regexp = RoleRequest.NAME) String name,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return writeLocks.serialized(LockKeys.role(tenantId, name), () -> rbac.role(tenantId, name).chain(current -> {
            ResourceTags.requireMatch(ifMatch, current);
            return rbac.deleteRole(tenantId, name);
        })).map(removed -> {
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
    @Operation(summary = "Subjects and the roles bound to them, by subject, paged")
    public Uni<Page<Binding>> bindings(@PathParam("tenantId") @TenantId String tenantId,
            @BeanParam PageRequest page) {
        return rbac.bindings(tenantId).map(all -> Page.of(all.entrySet().stream()
                .map(entry -> new Binding(entry.getKey(), entry.getValue())).toList(), page));
    }

    @GET
    @Path("/bindings/{subject}")
    @RequiresPermission("roles:read")
    @Operation(summary = "One subject's bound roles, with its ETag")
    @APIResponse(responseCode = "200", description = "The binding; ETag is its version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Binding.class)))
    public Uni<Response> binding(@PathParam("tenantId") @TenantId String tenantId,
            @PathParam("subject") @Size(min = 1, max = 200) String subject) {
        return currentBinding(tenantId, subject).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("No binding for that subject."))
                .map(binding -> Response.ok(binding).tag(ResourceTags.version(binding)).build());
    }

    @PUT
    @Path("/bindings/{subject}")
    @RequiresPermission("roles:write")
    @Audited(action = "binding.put", resource = "bindings")
    @Operation(summary = "Bind roles to a subject (201 when new, 200 when replaced); counts at once for the "
            + "subject's live tokens; unknown and platform roles are refused")
    @APIResponse(responseCode = "200", description = "Replaced",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Binding.class)))
    @APIResponse(responseCode = "201", description = "Created; Location names it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Binding.class)))
    @APIResponse(responseCode = "412", description = "If-Match does not match the binding's ETag")
    @APIResponse(responseCode = "422", description = "Roles the tenant does not define (problem type "
            + UnknownNames.UNKNOWN_ROLE + "), or a platform role (" + ReservedRoleRefused.TYPE + ")")
    public Uni<Response> putBinding(@PathParam("tenantId") @TenantId String tenantId,
            @PathParam("subject") @Size(min = 1, max = 200) String subject,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @Valid @NotNull BindingRequest request) {
        return writeLocks.serialized(LockKeys.binding(tenantId, subject), () -> currentBinding(tenantId, subject)
                .chain(current -> {
                    ResourceTags.requireMatch(ifMatch, current);
                    return rbac.putBinding(tenantId, subject, request.roles()).map(roles -> {
                        Binding binding = new Binding(subject, roles);
                        return written(binding, current == null, ResourceTags.version(binding),
                                "/v1/tenants/{t}/bindings/{s}", tenantId, subject);
                    });
                }));
    }

    @DELETE
    @Path("/bindings/{subject}")
    @RequiresPermission("roles:write")
    @Audited(action = "binding.delete", resource = "bindings")
    @Operation(summary = "Remove a subject's bindings; counts at once for its live tokens")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "412", description = "If-Match does not match the binding's ETag")
    public Uni<Response> deleteBinding(@PathParam("tenantId") @TenantId String tenantId,
            @PathParam("subject") @Size(min = 1, max = 200) String subject,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return writeLocks.serialized(LockKeys.binding(tenantId, subject), () -> currentBinding(tenantId, subject)
                .chain(current -> {
                    ResourceTags.requireMatch(ifMatch, current);
                    return rbac.deleteBinding(tenantId, subject);
                })).map(removed -> {
            if (!removed) {
                throw ProblemException.notFound("No binding for that subject.");
            }
            return Response.noContent().build();
        });
    }

    private Uni<Binding> currentBinding(String tenantId, String subject) {
        return rbac.bindings(tenantId).map(all -> all.containsKey(subject) ? new Binding(subject, all.get(subject))
                : null);
    }

    /** 201 with Location for a new resource, 200 for a replaced one; both with the resource and its ETag. */
    static Response written(Object resource, boolean created, String version, String template, Object... values) {
        Response.ResponseBuilder response = created
                ? Response.created(UriBuilder.fromPath(template).build(values)) : Response.ok();
        return response.entity(resource).tag(version).build();
    }
}

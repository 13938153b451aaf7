package io.tenancycore.security.rbac;

import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.error.ProblemException;
import io.tenancycore.commons.error.ProblemTypes;
import io.tenancycore.commons.permission.RequiresPermission;
import io.tenancycore.commons.tenant.TenantContext;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/authz/check")
@Tag(name = "Authorization")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AuthzResource {

    @Inject
    RbacService rbac;
    @Inject
    TenantContext caller;

    @POST
    @RequiresPermission("authz:check")
    @Operation(summary = "Decide whether a subject holds a permission in a tenant, and which grant decided")
    public Uni<AuthzDecision> check(@Valid @NotNull AuthzRequest request) {
        // a tenant's own caller may ask about its tenant only; platform callers about any
        if (!caller.isPlatformAdmin() && !caller.roles().contains(TenantContext.SERVICE_ROLE)
                && (request.tenantId() == null || !caller.tokenTenantId().map(request.tenantId()::equals).orElse(false))) {
            throw ProblemException.forbidden(ProblemTypes.CROSS_TENANT_ACCESS,
                    "This token may only ask about its own tenant.");
        }
        Set<String> roles = request.roles() == null ? Set.of() : Set.copyOf(request.roles());
        return rbac.check(request.tenantId(), request.subject(), roles, request.permission()).map(AuthzDecision::of);
    }
}

package io.tenancycore.security.rbac;

import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.error.ProblemException;
import io.tenancycore.commons.error.ProblemTypes;
import io.tenancycore.commons.error.Violation;
import io.tenancycore.commons.permission.RequiresPermission;
import io.tenancycore.commons.tenant.CrossTenantAccessDenied;
import io.tenancycore.commons.tenant.TenantContext;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The authorization decision API. A caller cannot make the answer depend on roles it merely claims: the roles
 * counted are the subject's bindings (plus the caller's own token when it asks about itself); {@code roles} in the
 * body is a platform-admin's "what if" and refused (422) from anyone else.
 */
@Path("/v1/authz/check")
@Tag(name = "Authorization")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AuthzResource {

    public static final String ROLES_NOT_ACCEPTED = "urn:tenancycore:problem:security:roles-not-accepted";

    @Inject
    RbacService rbac;
    @Inject
    Callers callers;
    @Inject
    TenantContext context;
    @Inject
    Event<CrossTenantAccessDenied> crossTenantDenials;

    @POST
    @RequiresPermission("authz:check")
    @Operation(summary = "Decide whether a subject holds a permission in a tenant, and which grant decided",
            description = "Counts the subject's bound roles in the tenant, and the caller's own token when the "
                    + "subject is the caller. 'roles' is accepted from platform-admin only. Platform roles never "
                    + "count for a tenant.")
    @APIResponse(responseCode = "200", description = "The decision",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AuthzDecision.class)))
    @APIResponse(responseCode = "403", description = "A tenant's token asking about another tenant")
    @APIResponse(responseCode = "422", description = "'roles' sent by a caller other than platform-admin")
    public Uni<AuthzDecision> check(@Valid @NotNull AuthzRequest request) {
        Caller caller = callers.current();
        // a tenant's own caller may ask about its tenant only; platform callers about any
        if (!caller.isPlatformClient() && (request.tenantId() == null
                || !request.tenantId().equals(caller.tokenTenantId()))) {
            crossTenantDenials.fire(new CrossTenantAccessDenied(caller.subject(), caller.tokenTenantId(),
                    request.tenantId(), "/v1/authz/check", context.sourceIp().orElse(null),
                    context.traceId().orElse(null)));
            throw ProblemException.forbidden(ProblemTypes.CROSS_TENANT_ACCESS,
                    "This token may only ask about its own tenant.");
        }
        Set<String> asserted = request.roles() == null ? Set.of() : Set.copyOf(request.roles());
        if (!asserted.isEmpty() && !caller.isPlatformAdmin()) {
            throw new ProblemException(ROLES_NOT_ACCEPTED, 422, "Unprocessable Content",
                    "Only platform-admin may ask about roles a subject does not hold; leave 'roles' out and the "
                            + "subject's bound roles are counted.",
                    List.of(new Violation("roles", "accepted from platform-admin only", "roles_not_accepted")));
        }
        Optional<Caller> self = Optional.of(caller).filter(c -> request.subject().equals(c.subject()));
        return rbac.check(request.tenantId(), request.subject(), asserted, self, request.permission())
                .map(AuthzDecision::of);
    }
}

package io.tenancycore.security.rbac;

import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.permission.PermissionProvider;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import java.util.Set;

/**
 * security-service enforces its own endpoints with its RBAC store directly (no REST round trip to itself); it takes
 * precedence over commons' provider selector ({@code tenancy.rbac.provider} does not apply here). The caller's token
 * decides what its roles mean: platform roles count only without a {@code tenant_id}, and a service identity holds
 * exactly its {@code scope}; a tenant caller holds what its subject's roles grant now ({@link RbacViews}).
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class RbacPermissionProvider implements PermissionProvider {

    @Inject
    RbacService rbac;
    @Inject
    Callers callers;

    @Override
    public Uni<Set<String>> permissionsFor(String tenantId, Set<String> roles) {
        Caller token = callers.current();
        return rbac.permissionsFor(tenantId, new Caller(token.subject(), token.tokenTenantId(), roles, token.scope()));
    }

    @Override
    public Uni<Set<String>> permissionsFor(String tenantId, String subject, Set<String> tokenRoles) {
        Caller token = callers.current();
        return rbac.permissionsFor(tenantId, new Caller(subject, token.tokenTenantId(), tokenRoles, token.scope()));
    }
}

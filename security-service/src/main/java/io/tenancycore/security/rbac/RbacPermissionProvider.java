package io.tenancycore.security.rbac;

import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.permission.PermissionProvider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;

/** security-service enforces its own endpoints with its RBAC store directly (no REST round trip to itself). */
@ApplicationScoped
public class RbacPermissionProvider implements PermissionProvider {

    @Inject
    RbacService rbac;

    @Override
    public Uni<Set<String>> permissionsFor(String tenantId, Set<String> roles) {
        return rbac.permissionsFor(tenantId, roles);
    }
}

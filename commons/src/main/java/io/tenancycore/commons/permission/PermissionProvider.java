package io.tenancycore.commons.permission;

import io.smallrye.mutiny.Uni;
import java.util.Set;

/**
 * Which permissions the given roles carry in a tenant. The default reads them from configuration
 * ({@link ConfiguredPermissionProvider}); a service replaces it by declaring its own bean (e.g. one that asks
 * security-service's RBAC).
 */
public interface PermissionProvider {

    /**
     * @param tenantId the tenant the request acts on; {@code null} for platform-level requests
     * @param roles the caller's roles (the token's {@code groups})
     */
    Uni<Set<String>> permissionsFor(String tenantId, Set<String> roles);
}

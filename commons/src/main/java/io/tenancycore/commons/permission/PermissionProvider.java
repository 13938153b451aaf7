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

    /**
     * What the caller holds now. A provider that knows each subject's current roles (security-service's RBAC) answers
     * from them, so bindings changed after the token was issued count; the default trusts the token's roles.
     *
     * @param subject the token's {@code sub}; {@code null} when unknown
     * @param tokenRoles the token's {@code groups}
     */
    default Uni<Set<String>> permissionsFor(String tenantId, String subject, Set<String> tokenRoles) {
        return permissionsFor(tenantId, tokenRoles);
    }

    /**
     * The same answer as {@link #permissionsFor(String, String, Set)} when it is at hand without waiting (a fixed
     * mapping, a view in this replica's memory), else {@code null}: lets a permission check on the hot path decide
     * without building a reactive pipeline.
     */
    default Set<String> knownPermissionsFor(String tenantId, String subject, Set<String> tokenRoles) {
        return null;
    }
}

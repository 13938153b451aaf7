package io.tenancycore.commons.permission;

import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.tenant.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * What a caller may do in the request's tenant, decided one way for {@link RequiresPermission} and for code that
 * asks itself (e.g. "may this caller see secrets?"): platform-admin holds everything; a service identity holds its
 * token's {@code scope} and nothing more; a tenant's client holds what its roles grant in its tenant, its roles as the provider knows them now (security-service's
 * RBAC: the client's own roles and its bindings), not as its token listed them when it was issued.
 */
@ApplicationScoped
public class CallerPermissions {

    private static final Set<String> ALL = Set.of(PermissionMatcher.WILDCARD);
    private final PermissionProvider provider;

    public CallerPermissions(PermissionProvider provider) {
        this.provider = provider;
    }

    public Uni<Set<String>> of(TenantContext caller) {
        if (caller.isPlatformAdmin()) {
            return Uni.createFrom().item(ALL);
        }
        if (caller.isServiceIdentity()) {
            return Uni.createFrom().item(caller.scopes());
        }
        return Uni.createFrom().deferred(() -> provider.permissionsFor(caller.tenantId().orElse(null),
                caller.subject().orElse(null), caller.roles()));
    }

    /** What {@link #of} would answer, when it is at hand without waiting; {@code null} otherwise. */
    public Set<String> known(TenantContext caller) {
        if (caller.isPlatformAdmin()) {
            return ALL;
        }
        if (caller.isServiceIdentity()) {
            return caller.scopes();
        }
        return provider.knownPermissionsFor(caller.tenantId().orElse(null), caller.subject().orElse(null),
                caller.roles());
    }

    public Uni<Boolean> holds(TenantContext caller, String permission) {
        return of(caller).map(granted -> PermissionMatcher.anyGrants(granted, permission));
    }
}

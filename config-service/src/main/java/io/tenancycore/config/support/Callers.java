package io.tenancycore.config.support;

import io.tenancycore.commons.permission.PermissionMatcher;
import io.tenancycore.commons.permission.PermissionProvider;
import io.tenancycore.commons.tenant.TenantContext;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Checks on the caller beyond a method's {@code @RequiresPermission}. */
@ApplicationScoped
public class Callers {

    private final PermissionProvider permissions;

    public Callers(PermissionProvider permissions) {
        this.permissions = permissions;
    }

    /** Platform-wide operations (registering tenants, global layers): platform admins and services only. */
    public static void requirePlatform(TenantContext caller) {
        if (!caller.isPlatformAdmin() && !caller.roles().contains(TenantContext.SERVICE_ROLE)) {
            throw ConfigProblems.forbidden("Only platform administrators and services may do this.");
        }
    }

    public static String actor(TenantContext caller) {
        return caller.subject().orElse("anonymous");
    }

    /** Whether the caller holds {@code permission} in the request's tenant. */
    public Uni<Boolean> holds(TenantContext caller, String permission) {
        return permissions.permissionsFor(caller.tenantId().orElse(null), caller.roles())
                .map(granted -> PermissionMatcher.anyGrants(granted, permission));
    }
}

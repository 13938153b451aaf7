package io.tenancycore.config.support;

import io.tenancycore.commons.permission.CallerPermissions;
import io.tenancycore.commons.tenant.TenantContext;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Checks on the caller beyond a method's {@code @RequiresPermission}. */
@ApplicationScoped
public class Callers {

    private final CallerPermissions permissions;

    public Callers(CallerPermissions permissions) {
        this.permissions = permissions;
    }

    /** Platform-wide operations (registering tenants, global layers): platform admins and services only. */
    public static void requirePlatform(TenantContext caller) {
        if (!caller.isPlatformAdmin() && !caller.isServiceIdentity()) {
            throw ConfigProblems.forbidden("Only platform administrators and services may do this.");
        }
    }

    public static String actor(TenantContext caller) {
        return caller.subject().orElse("anonymous");
    }

    /** Whether the caller holds {@code permission} in the request's tenant. */
    public Uni<Boolean> holds(TenantContext caller, String permission) {
        return permissions.holds(caller, permission);
    }
}

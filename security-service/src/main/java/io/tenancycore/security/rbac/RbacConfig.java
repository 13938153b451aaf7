package io.tenancycore.security.rbac;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

@ConfigMapping(prefix = "tenancy.security.rbac")
public interface RbacConfig {

    /**
     * Platform roles: they live outside every tenant and count only in tokens without a {@code tenant_id} (platform
     * clients). {@code platform-admin} holds every permission in every tenant; every other platform role (the
     * services' {@code service}) holds exactly the permissions of its token's {@code scope} claim. {@code
     * platform-admin} and {@code service} are platform roles even when this list omits them.
     */
    @WithDefault("platform-admin,service")
    List<String> platformRoles();

    /**
     * Role-name prefixes kept for platform roles to come: no tenant may create, bind or grant a role whose name
     * starts with one of them.
     */
    @WithDefault("platform-")
    List<String> reservedRolePrefixes();

    /** The in-memory RBAC views ({@link RbacViews}). */
    ViewCache viewCache();

    interface ViewCache {

        /** Tenants whose view is kept at most; the least used is dropped first. */
        @WithDefault("10000")
        long maxTenants();

        /** A view is read again after this even without a change event (a lost event cannot last longer). */
        @WithDefault("10m")
        Duration ttl();
    }
}

package io.tenancycore.commons.rbac;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Set;

/**
 * Where a service's permission checks get role grants from ({@code tenancy.rbac.*}). security-service's base URL is
 * the REST client's {@code quarkus.rest-client.security-service.url} (env {@code TENANCY_SECURITY_SERVICE_URL}); the
 * token is the service's own from the OIDC client ({@code quarkus.oidc-client.*}, secret from env
 * {@code TENANCY_SERVICE_CLIENT_SECRET}); the grants cache is the tiered cache {@value RemotePermissionProvider#CACHE}
 * ({@code tenancy.cache."rbac-grants".*}).
 */
@ConfigMapping(prefix = "tenancy.rbac")
public interface RemoteRbacConfig {

    enum Provider {
        /** Role grants per tenant from security-service's RBAC, cached and dropped on change events. */
        REMOTE,
        /** The same grants for every tenant, from {@code tenancy.permissions.roles.*} (tests, single-service runs). */
        CONFIGURED
    }

    @WithDefault("configured")
    Provider provider();

    /**
     * Roles of platform tokens (no tenant) that hold {@code *} without asking security-service. Service identities
     * are not among them: they hold their token's {@code scope} ({@code CallerPermissions}).
     */
    @WithDefault("platform-admin")
    Set<String> platformRoles();
}

package io.tenancycore.commons.tenant;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Set;

/** How requests are attributed to tenants and callers. */
@ConfigMapping(prefix = "tenancy.tenant")
public interface TenantFilterConfig {

    /** The JAX-RS path parameter that names the tenant a request acts on. */
    @WithDefault("tenantId")
    String pathParameter();

    /**
     * Roles that may act on any tenant: platform-admin, and the services' own client-credentials tokens (role
     * {@code service}, DESIGN.md), which call each other on behalf of whichever tenant a request is about. Tenant
     * clients can never hold the service role (security-service refuses to grant it).
     */
    @WithDefault(TenantContext.PLATFORM_ADMIN_ROLE + "," + TenantContext.SERVICE_ROLE)
    Set<String> crossTenantRoles();

    /**
     * Take the caller's address from the first {@code X-Forwarded-For} entry. Only for services that sit behind
     * a proxy which sets that header itself; otherwise any client could claim any address.
     */
    @WithDefault("false")
    boolean trustForwardedFor();
}

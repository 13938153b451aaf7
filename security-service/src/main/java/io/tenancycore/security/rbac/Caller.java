package io.tenancycore.security.rbac;

import io.tenancycore.commons.tenant.TenantContext;
import io.tenancycore.commons.token.TokenClaims;
import java.util.Set;

/**
 * Who asks, as far as permissions go: the token's subject, roles ({@code groups}), {@code tenant_id} and, for a
 * service identity, the permissions of its {@code scope} claim.
 *
 * @param tokenTenantId null for platform clients (platform-admin, the services)
 */
public record Caller(String subject, String tokenTenantId, Set<String> roles, Set<String> scope) {

    /** RFC 9068 / RFC 8693: space-separated; here the permissions a service identity holds. */
    public static final String SCOPE_CLAIM = TokenClaims.SCOPE_CLAIM;

    public Caller {
        roles = roles == null ? Set.of() : Set.copyOf(roles);
        scope = scope == null ? Set.of() : Set.copyOf(scope);
    }

    /** A platform client: its token has no {@code tenant_id}; only such tokens' platform roles count. */
    public boolean isPlatformClient() {
        return tokenTenantId == null;
    }

    /** platform-admin of a platform client: every permission in every tenant. */
    public boolean isPlatformAdmin() {
        return isPlatformClient() && roles.contains(TenantContext.PLATFORM_ADMIN_ROLE);
    }
}

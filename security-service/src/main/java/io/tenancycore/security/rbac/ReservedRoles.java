package io.tenancycore.security.rbac;

import io.tenancycore.commons.tenant.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Names no tenant may use for a role: the platform roles ({@code platform-admin}, {@code service}, the configured
 * ones) and every name under a reserved prefix ({@code platform-}). Writes naming one are refused
 * ({@link ReservedRoleRefused}); a reserved name found in a tenant's stored roles, bindings or clients (written
 * before this rule, or straight into Redis) is ignored wherever a decision or a token is made, with a warning.
 */
@ApplicationScoped
public class ReservedRoles {

    private static final Logger LOG = Logger.getLogger(ReservedRoles.class);
    /** Warn once per tenant and name, not on every request; bounded so planted junk cannot grow memory. */
    private static final int MAX_WARNINGS_REMEMBERED = 10_000;
    private static final int MAX_LOGGED_NAME = 64;

    private final Set<String> names;
    private final List<String> prefixes;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    @Inject
    public ReservedRoles(RbacConfig config) {
        Set<String> all = new LinkedHashSet<>();
        all.add(TenantContext.PLATFORM_ADMIN_ROLE);
        all.add(TenantContext.SERVICE_ROLE);
        config.platformRoles().forEach(role -> all.add(normal(role)));
        this.names = Set.copyOf(all);
        this.prefixes = config.reservedRolePrefixes().stream().map(ReservedRoles::normal)
                .filter(prefix -> !prefix.isEmpty()).toList();
    }

    public boolean isReserved(String role) {
        if (role == null) {
            return false;
        }
        String name = normal(role);
        return names.contains(name) || prefixes.stream().anyMatch(name::startsWith);
    }

    /** The reserved names among {@code roles}, in their order. */
    public List<String> reservedAmong(Collection<String> roles) {
        return roles.stream().filter(this::isReserved).distinct().toList();
    }

    /**
     * {@code roles} without reserved names; each one dropped is logged (once per tenant and name) because it means
     * someone planted a platform role into tenant data.
     *
     * @param where what the roles were read from, for the warning
     */
    public Set<String> withoutReserved(Collection<String> roles, String tenantId, String where) {
        Set<String> kept = new LinkedHashSet<>();
        for (String role : roles) {
            if (isReserved(role)) {
                warnOnce(tenantId, role, where);
            } else {
                kept.add(role);
            }
        }
        return kept;
    }

    private void warnOnce(String tenantId, String role, String where) {
        String key = tenantId + "/" + where + "/" + role;
        if (warned.size() < MAX_WARNINGS_REMEMBERED && warned.add(key)) {
            LOG.warnf("platform role '%s' found in %s of tenant %s: ignored (tenants cannot hold platform roles)",
                    role.length() > MAX_LOGGED_NAME ? role.substring(0, MAX_LOGGED_NAME) + "…" : role, where,
                    tenantId);
        }
    }

    private static String normal(String role) {
        return role.trim().toLowerCase(Locale.ROOT);
    }
}

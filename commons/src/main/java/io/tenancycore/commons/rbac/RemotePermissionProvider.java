package io.tenancycore.commons.rbac;

import io.cloudevents.CloudEvent;
import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.cache.TieredCache;
import io.tenancycore.commons.error.ProblemException;
import io.tenancycore.commons.events.CloudEvents;
import io.tenancycore.commons.events.EventTypes;
import io.tenancycore.commons.permission.PermissionProvider;
import io.tenancycore.commons.redis.TenantKeys;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Permissions from security-service's RBAC: a tenant's role grants are read once, kept in the tiered cache
 * {@value #CACHE} (this replica's memory, then Redis) and dropped when security-service announces
 * {@value #ROLES_CHANGED} for the tenant. Platform roles hold {@code *} without a lookup. A lookup that fails
 * (security-service down, circuit open) is a 503: a permission is never granted by default.
 */
public class RemotePermissionProvider implements PermissionProvider {

    public static final String CACHE = "rbac-grants";
    public static final String ROLES_CHANGED = EventTypes.ROLES_CHANGED;
    static final String ALL = "*";
    private static final Logger LOG = Logger.getLogger(RemotePermissionProvider.class);

    private final Function<String, Uni<List<RoleGrants>>> lookup;
    private final TieredCache<List<RoleGrants>> cache;
    private final Set<String> platformRoles;
    private final String keyPrefix;
    private final AtomicLong lookups = new AtomicLong();

    /**
     * @param lookup reads a tenant's grants from security-service (with its fault-tolerance policy)
     * @param keyPrefix first segment of the cache keys, the service's name: {@code <prefix>:{tenant}:rbac-grants}
     */
    public RemotePermissionProvider(Function<String, Uni<List<RoleGrants>>> lookup,
            TieredCache<List<RoleGrants>> cache, Set<String> platformRoles, String keyPrefix) {
        this.lookup = lookup;
        this.cache = cache;
        this.platformRoles = Set.copyOf(platformRoles);
        this.keyPrefix = keyPrefix;
    }

    @Override
    public Uni<Set<String>> permissionsFor(String tenantId, Set<String> roles) {
        if (roles.stream().anyMatch(platformRoles::contains)) {
            return Uni.createFrom().item(Set.of(ALL));
        }
        if (tenantId == null || roles.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return grants(tenantId).map(grants -> {
            Set<String> permissions = new LinkedHashSet<>();
            grants.stream().filter(role -> roles.contains(role.name()))
                    .forEach(role -> permissions.addAll(role.permissions()));
            return Set.copyOf(permissions);
        });
    }

    /** The tenant's role grants, from the cache or security-service. */
    public Uni<List<RoleGrants>> grants(String tenantId) {
        return cache.get(keyOf(tenantId), () -> {
            lookups.incrementAndGet();
            return lookup.apply(tenantId);
        }).onFailure(failure -> !(failure instanceof ProblemException)).transform(failure -> {
            LOG.warnf("role grants of tenant %s unavailable: %s", tenantId, failure.toString());
            return new ProblemException(503, "Service Unavailable",
                    "Permissions cannot be checked right now; try again shortly.");
        });
    }

    /**
     * Handler of the {@code tenancy.security-changes} subscription: a roles change of a tenant drops its grants
     * here and in Redis; one without a tenant drops every tenant's grants of this replica.
     */
    public Uni<Void> onSecurityChange(CloudEvent event) {
        if (!ROLES_CHANGED.equals(event.getType())) {
            return Uni.createFrom().voidItem();
        }
        Object tenant = event.getExtension(CloudEvents.TENANT_EXTENSION);
        if (tenant == null) {
            cache.invalidateAllLocal();
            return Uni.createFrom().voidItem();
        }
        return cache.invalidate(keyOf(tenant.toString()))
                .onFailure().recoverWithItem(failure -> {
                    // L1 is already dropped; the Redis copy expires with the cache's TTL
                    LOG.warnf("dropping cached grants of tenant %s from Redis failed: %s", tenant, failure.toString());
                    return null;
                });
    }

    /** Lookups sent to security-service so far (tests, diagnostics). */
    public long lookups() {
        return lookups.get();
    }

    String keyOf(String tenantId) {
        return TenantKeys.key(keyPrefix, tenantId, CACHE);
    }
}

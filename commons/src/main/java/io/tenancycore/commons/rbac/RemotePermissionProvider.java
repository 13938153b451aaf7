package io.tenancycore.commons.rbac;

import io.cloudevents.CloudEvent;
import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.cache.TieredCache;
import io.tenancycore.commons.error.ProblemException;
import io.tenancycore.commons.events.CloudEvents;
import io.tenancycore.commons.events.EventTypes;
import io.tenancycore.commons.permission.PermissionProvider;
import io.tenancycore.commons.redis.TenantKeys;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Permissions from security-service's RBAC: a tenant's {@link RbacView} (roles and every subject's current roles) is
 * read once, kept in the tiered cache {@value #CACHE} (this replica's memory, then Redis) and dropped when
 * security-service announces a change of the tenant's roles, bindings or clients on {@code tenancy.security-changes}.
 * A tenant caller's roles are its subject's roles in the view, not its token's {@code groups}: a binding added or
 * removed counts for tokens already issued. Platform roles hold {@code *} without a lookup. A lookup that fails
 * (security-service down, circuit open) is a 503: a permission is never granted by default.
 */
public class RemotePermissionProvider implements PermissionProvider {

    public static final String CACHE = "rbac-grants";
    /** The last segment of the cache keys: {@code <prefix>:{tenant}:rbac-view}. */
    static final String KEY_SUFFIX = "rbac-view";
    /** Changes after which a tenant's view is read again. */
    public static final Set<String> INVALIDATING = Set.of(EventTypes.ROLES_CHANGED, EventTypes.CLIENT_CHANGED);
    static final String ALL = "*";
    private static final Logger LOG = Logger.getLogger(RemotePermissionProvider.class);

    private final Function<String, Uni<RbacView>> lookup;
    private final TieredCache<RbacView> cache;
    private final Set<String> platformRoles;
    private final String keyPrefix;
    private final AtomicLong lookups = new AtomicLong();

    /**
     * @param lookup reads a tenant's view from security-service (with its fault-tolerance policy)
     * @param keyPrefix first segment of the cache keys, the service's name: {@code <prefix>:{tenant}:rbac-view}
     */
    public RemotePermissionProvider(Function<String, Uni<RbacView>> lookup, TieredCache<RbacView> cache,
            Set<String> platformRoles, String keyPrefix) {
        this.lookup = lookup;
        this.cache = cache;
        this.platformRoles = Set.copyOf(platformRoles);
        this.keyPrefix = keyPrefix;
    }

    /** What the named roles grant in the tenant (no subject: "what would these roles allow?"). */
    @Override
    public Uni<Set<String>> permissionsFor(String tenantId, Set<String> roles) {
        if (roles.stream().anyMatch(platformRoles::contains)) {
            return Uni.createFrom().item(Set.of(ALL));
        }
        if (tenantId == null || roles.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return view(tenantId).map(view -> view.permissionsOf(roles));
    }

    /** What the subject holds in the tenant now; the token's roles count only when they are platform roles. */
    @Override
    public Uni<Set<String>> permissionsFor(String tenantId, String subject, Set<String> tokenRoles) {
        if (tokenRoles.stream().anyMatch(platformRoles::contains)) {
            return Uni.createFrom().item(Set.of(ALL));
        }
        if (tenantId == null || subject == null) {
            return Uni.createFrom().item(Set.of());
        }
        return view(tenantId).map(view -> view.permissionsOfSubject(subject));
    }

    /** Answered from this replica's copy of the tenant's view; {@code null} when it has none. */
    @Override
    public Set<String> knownPermissionsFor(String tenantId, String subject, Set<String> tokenRoles) {
        if (tokenRoles.stream().anyMatch(platformRoles::contains)) {
            return Set.of(ALL);
        }
        if (tenantId == null || subject == null) {
            return Set.of();
        }
        RbacView view = cache.getLocal(keyOf(tenantId));
        return view == null ? null : view.permissionsOfSubject(subject);
    }

    /** The tenant's view, from the cache or security-service. */
    public Uni<RbacView> view(String tenantId) {
        return cache.get(keyOf(tenantId), () -> {
            lookups.incrementAndGet();
            return lookup.apply(tenantId);
        }).onFailure(failure -> !(failure instanceof ProblemException)).transform(failure -> {
            LOG.warnf("RBAC of tenant %s unavailable: %s", tenantId, failure.toString());
            return new ProblemException(503, "Service Unavailable",
                    "Permissions cannot be checked right now; try again shortly.");
        });
    }

    /**
     * Handler of the {@code tenancy.security-changes} subscription: a change of a tenant's roles, bindings or clients
     * drops its view here and in Redis; one without a tenant drops every tenant's view of this replica.
     */
    public Uni<Void> onSecurityChange(CloudEvent event) {
        if (!INVALIDATING.contains(event.getType())) {
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
                    LOG.warnf("dropping the cached RBAC of tenant %s from Redis failed: %s", tenant,
                            failure.toString());
                    return null;
                });
    }

    /** Lookups sent to security-service so far (tests, diagnostics). */
    public long lookups() {
        return lookups.get();
    }

    String keyOf(String tenantId) {
        return TenantKeys.key(keyPrefix, tenantId, KEY_SUFFIX);
    }
}

package io.tenancycore.commons.tenantstatus;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.cloudevents.CloudEvent;
import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.error.ProblemException;
import io.tenancycore.commons.events.CloudEvents;
import jakarta.ws.rs.WebApplicationException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Tenant profiles (status, features, storage quota) read from the registry once and then kept current by the {@code tenancy.tenants} events every
 * replica consumes; an entry also expires, so a missed event cannot keep a suspended tenant working for long. When
 * config-service cannot answer, a status seen before is used; without one the request gets a 503 (never "active").
 */
public class CachedTenantDirectory implements TenantDirectory {

    private static final Logger LOG = Logger.getLogger(CachedTenantDirectory.class);

    private final Function<String, Uni<TenantProfile>> lookup;
    private final Cache<String, Seen> fresh;
    private final Cache<String, TenantProfile> lastKnown;

    private record Seen(TenantProfile profile) {
        TenantStatus status() {
            return profile.status();
        }
    }

    public CachedTenantDirectory(Function<String, Uni<TenantProfile>> lookup, TenantStatusConfig config) {
        this.lookup = lookup;
        Duration known = config.cacheTtl();
        Duration unknown = config.unknownTtl();
        this.fresh = Caffeine.newBuilder().maximumSize(config.cacheMaxSize()).expireAfter(new Expiry<String, Seen>() {
            @Override
            public long expireAfterCreate(String key, Seen value, long now) {
                return (value.status() == TenantStatus.UNKNOWN ? unknown : known).toNanos();
            }

            @Override
            public long expireAfterUpdate(String key, Seen value, long now, long current) {
                return expireAfterCreate(key, value, now);
            }

            @Override
            public long expireAfterRead(String key, Seen value, long now, long current) {
                return current;
            }
        }).build();
        this.lastKnown = Caffeine.newBuilder().maximumSize(config.cacheMaxSize()).build();
    }

    /**
     * Reads a tenant from config-service's registry: {@code readTenant} is the registry call with the caller's
     * token, e.g. {@code TenantRegistryApi::tenant}.
     */
    public static Function<String, Uni<TenantProfile>> registryLookup(
            Function<String, Uni<Map<String, Object>>> readTenant) {
        return tenant -> readTenant.apply(tenant)
                .map(TenantProfile::fromDocument)
                .onFailure(CachedTenantDirectory::isNotFound).recoverWithItem(TenantProfile.UNKNOWN);
    }

    @Override
    public Uni<TenantProfile> profileOf(String tenantId) {
        Seen seen = fresh.getIfPresent(tenantId);
        if (seen != null) {
            return Uni.createFrom().item(seen.profile());
        }
        return Uni.createFrom().deferred(() -> lookup.apply(tenantId))
                .invoke(profile -> remember(tenantId, profile))
                .onFailure(failure -> !(failure instanceof ProblemException)).recoverWithUni(failure -> {
                    TenantProfile stale = lastKnown.getIfPresent(tenantId);
                    if (stale != null) {
                        LOG.debugf("status of tenant %s from the last answer (%s)", tenantId, failure.toString());
                        return Uni.createFrom().item(stale);
                    }
                    LOG.warnf("status of tenant %s unavailable: %s", tenantId, failure.toString());
                    return Uni.createFrom().failure(new ProblemException(503, "Service Unavailable",
                            "The tenant's status cannot be checked right now; try again shortly."));
                });
    }

    @Override
    public Optional<TenantProfile> knownProfile(String tenantId) {
        Seen seen = fresh.getIfPresent(tenantId);
        return seen == null ? Optional.empty() : Optional.of(seen.profile());
    }

    /** Handler of the {@code tenancy.tenants} subscription of every replica. */
    public Uni<Void> onTenantEvent(CloudEvent event) {
        Object tenant = event.getExtension(CloudEvents.TENANT_EXTENSION);
        if (tenant != null) {
            TenantStatus.announcedBy(event.getType()).ifPresentOrElse(status -> announced(tenant.toString(), status),
                    // another change (e.g. tenant.updated: features, quotas): read the tenant again on next use
                    () -> fresh.invalidate(tenant.toString()));
        }
        return Uni.createFrom().voidItem();
    }

    /** A status change keeps what else is known of the tenant; a tenant not cached is read in full on next use. */
    private void announced(String tenantId, TenantStatus status) {
        Seen seen = fresh.getIfPresent(tenantId);
        if (seen != null) {
            remember(tenantId, seen.profile().withStatus(status));
            return;
        }
        fresh.invalidate(tenantId);
        TenantProfile stale = lastKnown.getIfPresent(tenantId);
        if (stale != null) {
            lastKnown.put(tenantId, stale.withStatus(status));
        }
    }

    private void remember(String tenantId, TenantProfile profile) {
        fresh.put(tenantId, new Seen(profile));
        lastKnown.put(tenantId, profile);
    }

    static boolean isNotFound(Throwable failure) {
        return failure instanceof WebApplicationException web && web.getResponse() != null
                && web.getResponse().getStatus() == 404;
    }

    /** For diagnostics and tests: the statuses currently cached. */
    public Map<String, TenantStatus> cached() {
        Map<String, TenantStatus> view = new java.util.TreeMap<>();
        fresh.asMap().forEach((tenant, seen) -> view.put(tenant, seen.status()));
        return view;
    }
}

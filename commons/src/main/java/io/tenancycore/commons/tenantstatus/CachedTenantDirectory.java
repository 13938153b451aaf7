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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Tenant profiles (status, features, storage quota) read from the registry once and then kept current by the {@code tenancy.tenants} events every
 * replica consumes; an entry also expires, so a missed event cannot keep a suspended tenant working for long. When
 * config-service cannot answer, a status seen before is used; without one the request gets a 503 (never "active").
 * Concurrent first uses of one tenant share one registry read: a burst of requests for a tenant this replica has not
 * seen (a cold replica, an expired entry) is one call to config-service, not one per request (which could trip the
 * registry client's circuit breaker and refuse the whole burst).
 */
public class CachedTenantDirectory implements TenantDirectory {

    private static final Logger LOG = Logger.getLogger(CachedTenantDirectory.class);

    private final Function<String, Uni<TenantProfile>> lookup;
    private final Cache<String, Seen> fresh;
    private final Cache<String, TenantProfile> lastKnown;
    private final ConcurrentHashMap<String, Uni<TenantProfile>> inFlight = new ConcurrentHashMap<>();

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
        return sharedLookup(tenantId)
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

    /** The registry read of {@code tenantId} in progress, or a new one that the callers arriving meanwhile share. */
    private Uni<TenantProfile> sharedLookup(String tenantId) {
        Uni<TenantProfile> running = inFlight.get(tenantId);
        if (running != null) {
            return running;
        }
        AtomicReference<Uni<TenantProfile>> self = new AtomicReference<>();
        Uni<TenantProfile> shared = Uni.createFrom().deferred(() -> lookup.apply(tenantId))
                .invoke(profile -> {
                    // an event that arrived meanwhile removed this read: its answer may predate the event
                    if (inFlight.get(tenantId) == self.get()) {
                        remember(tenantId, profile);
                    }
                })
                .onTermination().invoke(() -> inFlight.remove(tenantId, self.get()))
                .memoize().indefinitely();
        self.set(shared);
        Uni<TenantProfile> winner = inFlight.putIfAbsent(tenantId, shared);
        return winner != null ? winner : shared;
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
            inFlight.remove(tenant.toString());
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

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
import java.util.function.Function;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Tenant statuses read from the registry once and then kept current by the {@code tenancy.tenants} events every
 * replica consumes; an entry also expires, so a missed event cannot keep a suspended tenant working for long. When
 * config-service cannot answer, a status seen before is used; without one the request gets a 503 (never "active").
 */
public class CachedTenantDirectory implements TenantDirectory {

    private static final Logger LOG = Logger.getLogger(CachedTenantDirectory.class);

    private final Function<String, Uni<TenantStatus>> lookup;
    private final Cache<String, Seen> fresh;
    private final Cache<String, TenantStatus> lastKnown;

    private record Seen(TenantStatus status) {
    }

    public CachedTenantDirectory(Function<String, Uni<TenantStatus>> lookup, TenantStatusConfig config) {
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

    /** Reads a tenant from config-service's registry with this service's own token. */
    public static Function<String, Uni<TenantStatus>> registryLookup(TenantRegistryApi api,
            Supplier<Uni<String>> authorization) {
        return tenant -> authorization.get().chain(bearer -> api.tenant(tenant, bearer))
                .map(record -> TenantStatus.ofWireName(String.valueOf(record.get("status"))))
                .onFailure(CachedTenantDirectory::isNotFound).recoverWithItem(TenantStatus.UNKNOWN);
    }

    @Override
    public Uni<TenantStatus> statusOf(String tenantId) {
        Seen seen = fresh.getIfPresent(tenantId);
        if (seen != null) {
            return Uni.createFrom().item(seen.status());
        }
        return Uni.createFrom().deferred(() -> lookup.apply(tenantId))
                .invoke(status -> remember(tenantId, status))
                .onFailure(failure -> !(failure instanceof ProblemException)).recoverWithUni(failure -> {
                    TenantStatus stale = lastKnown.getIfPresent(tenantId);
                    if (stale != null) {
                        LOG.debugf("status of tenant %s from the last answer (%s)", tenantId, failure.toString());
                        return Uni.createFrom().item(stale);
                    }
                    LOG.warnf("status of tenant %s unavailable: %s", tenantId, failure.toString());
                    return Uni.createFrom().failure(new ProblemException(503, "Service Unavailable",
                            "The tenant's status cannot be checked right now; try again shortly."));
                });
    }

    /** Handler of the {@code tenancy.tenants} subscription of every replica. */
    public Uni<Void> onTenantEvent(CloudEvent event) {
        Object tenant = event.getExtension(CloudEvents.TENANT_EXTENSION);
        if (tenant != null) {
            TenantStatus.announcedBy(event.getType()).ifPresentOrElse(status -> remember(tenant.toString(), status),
                    // another change (e.g. tenant.updated): read the status again on next use
                    () -> fresh.invalidate(tenant.toString()));
        }
        return Uni.createFrom().voidItem();
    }

    private void remember(String tenantId, TenantStatus status) {
        fresh.put(tenantId, new Seen(status));
        lastKnown.put(tenantId, status);
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

package io.tenancycore.commons.cache;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.tenancycore.commons.events.ConfigChangesListener;
import io.tenancycore.commons.events.EventPublisher;
import io.tenancycore.commons.events.InstanceId;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Creates the application's named tiered caches from {@link TieredCacheConfig} and wires their invalidation:
 *
 * <pre>{@code
 * TieredCache<Effective> cache = caches.cache("config-effective", CacheCodec.json(mapper, Effective.class));
 * }</pre>
 */
@ApplicationScoped
public class TieredCaches {

    @Inject
    ReactiveRedisDataSource redis;

    @Inject
    EventPublisher publisher;

    @Inject
    InstanceId instanceId;

    @Inject
    MeterRegistry registry;

    @Inject
    TieredCacheConfig config;

    @Inject
    ConfigChangesListener changes;

    private final Map<String, TieredCache<?>> caches = new ConcurrentHashMap<>();
    private final CacheInvalidationRouter router = new CacheInvalidationRouter();

    /** Invalidations arrive on {@code tenancy.config-changes}, the default invalidation topic of a cache. */
    @PostConstruct
    void listen() {
        changes.register(router::route);
    }

    /** The cache of that name, created on first use; later calls return the same instance. */
    @SuppressWarnings("unchecked")
    public <V> TieredCache<V> cache(String name, CacheCodec<V> codec) {
        return (TieredCache<V>) caches.computeIfAbsent(name, n -> {
            TieredCache<V> cache = new TieredCache<>(config.caches().get(n).toSettings(n), codec, redis, publisher,
                    instanceId.value(), registry);
            router().register(cache);
            return cache;
        });
    }

    public CacheInvalidationRouter router() {
        return router;
    }
}

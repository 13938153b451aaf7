package io.tenancycore.commons.cache;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.tenancycore.commons.events.CloudEventPublisher;
import io.tenancycore.commons.events.EventSubscriptions;
import io.tenancycore.commons.events.InstanceId;
import jakarta.annotation.PreDestroy;
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
    CloudEventPublisher publisher;

    @Inject
    EventSubscriptions subscriptions;

    @Inject
    InstanceId instanceId;

    @Inject
    MeterRegistry registry;

    @Inject
    TieredCacheConfig config;

    private final Map<String, TieredCache<?>> caches = new ConcurrentHashMap<>();
    private volatile CacheInvalidationRouter router;

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
        if (router == null) {
            synchronized (this) {
                if (router == null) {
                    router = new CacheInvalidationRouter(subscriptions);
                }
            }
        }
        return router;
    }

    @PreDestroy
    void close() {
        if (router != null) {
            router.close();
        }
    }
}

package io.tenancycore.template.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * An in-process cache of one replica, emptied per key or per key prefix when a change event arrives. Metrics:
 * Micrometer's {@code cache_gets_total{cache,result}}, {@code cache_size}, {@code cache_evictions_total}.
 *
 * @param <V> cached values; a {@code null} load result is not cached
 */
public final class LocalCache<V> {

    private final Cache<String, V> entries;
    /** Bumped on every invalidation: a load that overlapped one may carry stale data and is not kept. */
    private final AtomicLong invalidations = new AtomicLong();

    public LocalCache(String name, long maxSize, Duration ttl, MeterRegistry registry) {
        this.entries = Caffeine.newBuilder().maximumSize(maxSize).expireAfterWrite(ttl).recordStats().build();
        if (registry != null) {
            CaffeineCacheMetrics.monitor(registry, entries, name);
        }
    }

    public V getIfPresent(String key) {
        return entries.getIfPresent(key);
    }

    public Uni<V> get(String key, Supplier<Uni<V>> loader) {
        V cached = entries.getIfPresent(key);
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        long epoch = invalidations.get();
        return Uni.createFrom().<V>deferred(loader::get).invoke(value -> {
            if (value != null && invalidations.get() == epoch) {
                entries.put(key, value);
            }
        });
    }

    /** Synchronous variant for values computed in process (compiled templates). */
    public V get(String key, java.util.function.Function<String, V> compute) {
        return entries.get(key, compute);
    }

    public void invalidate(String key) {
        invalidations.incrementAndGet();
        entries.invalidate(key);
    }

    public void invalidatePrefix(String prefix) {
        invalidations.incrementAndGet();
        entries.asMap().keySet().removeIf(key -> key.startsWith(prefix));
    }

    public long size() {
        return entries.estimatedSize();
    }
}

package io.tenancycore.commons.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.events.EventSink;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Two-level cache: L1 in process (Caffeine), L2 in Redis, shared by all replicas.
 *
 * <ul>
 * <li>A miss in both levels calls the loader once per key and replica, however many callers wait (single-flight).</li>
 * <li>Keys are chosen by the caller and should follow the platform layout, e.g. {@code config:{acme}:effective}; the
 * hash-tagged tenant becomes the key of the invalidation record.</li>
 * <li>{@link #put} and {@link #invalidate} change Redis and publish a {@link CacheInvalidation} on the cache's change
 * topic; every other replica drops the key from its L1 ({@link CacheInvalidationRouter}).</li>
 * <li>Redis trouble on the read path degrades to the loader instead of failing the caller.</li>
 * </ul>
 *
 * Metrics: {@code tenancy.cache.gets{cache,level=l1|l2,result=hit|miss|error}},
 * {@code tenancy.cache.load{cache}} (timer of the loader), {@code tenancy.cache.invalidations{cache,origin}},
 * {@code tenancy.cache.l1.size{cache}}.
 */
public class TieredCache<V> {

    private static final Logger LOG = Logger.getLogger(TieredCache.class);
    private static final Pattern HASH_TAG = Pattern.compile("\\{([^{}]+)}");

    private final CacheSettings settings;
    private final CacheCodec<V> codec;
    private final ReactiveRedisDataSource redisDataSource;
    private final ReactiveValueCommands<String, byte[]> redis;
    private final EventSink publisher;
    private final String instanceId;
    private final Cache<String, V> l1;
    private final ConcurrentMap<String, Uni<V>> inFlight = new ConcurrentHashMap<>();
    /** Bumped by every change; a load that saw a change while running does not fill L1 with what may be stale. */
    private final AtomicLong changeEpoch = new AtomicLong();
    private final Meters meters;

    /**
     * @param publisher where invalidations go; {@code null} keeps invalidation within this replica
     * @param instanceId this replica, so it can ignore its own invalidations
     */
    public TieredCache(CacheSettings settings, CacheCodec<V> codec, ReactiveRedisDataSource redis,
            EventSink publisher, String instanceId, MeterRegistry registry) {
        this.settings = settings;
        this.codec = codec;
        this.redisDataSource = redis;
        this.redis = redis.value(byte[].class);
        this.publisher = settings.invalidationTopic() == null ? null : publisher;
        this.instanceId = instanceId;
        this.l1 = settings.l1MaxSize() == 0 ? null
                : Caffeine.newBuilder()
                        .maximumSize(settings.l1MaxSize())
                        .expireAfterWrite(settings.l1Ttl())
                        .executor(Runnable::run)
                        .build();
        this.meters = new Meters(settings.name(), registry);
        Gauge.builder("tenancy.cache.l1.size", this, TieredCache::l1Size)
                .description("Entries in the in-process level of a tiered cache")
                .tag("cache", settings.name())
                .register(registry);
    }

    public String name() {
        return settings.name();
    }

    public CacheSettings settings() {
        return settings;
    }

    /**
     * The cached value of {@code key}, loading it on a miss.
     *
     * @param loader produces the value; a {@code null} item is returned to the caller and not cached
     */
    public Uni<V> get(String key, Supplier<Uni<V>> loader) {
        V local = l1 == null ? null : l1.getIfPresent(key);
        if (local != null) {
            meters.l1Hit.increment();
            return Uni.createFrom().item(local);
        }
        if (l1 != null) {
            meters.l1Miss.increment();
        }
        return singleFlight(key, () -> readThrough(key, loader));
    }

    /**
     * This replica's L1 copy of {@code key}, or {@code null} (counted as an L1 hit or miss; no I/O, no {@link Uni}):
     * for a hot path that answers a hit synchronously and takes {@link #get} only on a miss.
     */
    public V getLocal(String key) {
        if (l1 == null) {
            return null;
        }
        V local = l1.getIfPresent(key);
        if (local != null) {
            meters.l1Hit.increment();
        }
        return local;
    }

    /** The cached value of {@code key} (L1, then Redis) or a {@code null} item; never loads. */
    public Uni<V> getIfPresent(String key) {
        return get(key, () -> Uni.createFrom().nullItem());
    }

    /** Stores a new value in both levels and tells the other replicas to drop their copy. */
    public Uni<Void> put(String key, V value) {
        changeEpoch.incrementAndGet();
        inFlight.remove(key);
        byte[] stored = StoredValueFormat.wrap(codec.encode(value), settings.compressThresholdBytes());
        return redis.set(key, stored, new SetArgs().px(settings.ttl()))
                .invoke(() -> {
                    if (l1 != null) {
                        l1.put(key, value);
                    }
                })
                .chain(() -> announce(key));
    }

    /** Removes the key from both levels and from every replica's L1. */
    public Uni<Void> invalidate(String key) {
        invalidateLocal(key);
        return redisDataSource.key().del(key).replaceWithVoid().chain(() -> announce(key));
    }

    /** Drops the key from this replica's L1 only. */
    /** Whether this replica holds the key in its L1 (diagnostics and tests: no I/O). */
    public boolean cachedLocally(String key) {
        return l1 != null && l1.getIfPresent(key) != null;
    }

    public void invalidateLocal(String key) {
        changeEpoch.incrementAndGet();
        inFlight.remove(key);
        if (l1 != null) {
            l1.invalidate(key);
        }
    }

    public void invalidateAllLocal() {
        changeEpoch.incrementAndGet();
        inFlight.clear();
        if (l1 != null) {
            l1.invalidateAll();
        }
    }

    /** Applies an invalidation announced by a replica; this replica's own announcements are ignored. */
    public void onInvalidation(CacheInvalidation invalidation) {
        if (!settings.name().equals(invalidation.cache()) || instanceId.equals(invalidation.origin())) {
            return;
        }
        invalidateLocal(invalidation.key());
        meters.remoteInvalidations.increment();
    }

    public long l1Size() {
        return l1 == null ? 0 : l1.estimatedSize();
    }

    private Uni<V> singleFlight(String key, Supplier<Uni<V>> load) {
        Uni<V> existing = inFlight.get(key);
        if (existing != null) {
            return existing;
        }
        AtomicReference<Uni<V>> self = new AtomicReference<>();
        Uni<V> shared = Uni.createFrom().<V>deferred(load::get)
                .onTermination().invoke(() -> inFlight.remove(key, self.get()))
                .memoize().indefinitely();
        self.set(shared);
        Uni<V> winner = inFlight.putIfAbsent(key, shared);
        return winner != null ? winner : shared;
    }

    private Uni<V> readThrough(String key, Supplier<Uni<V>> loader) {
        long epochAtStart = changeEpoch.get();
        return readL2(key).chain(fromRedis -> {
            if (fromRedis != null) {
                fillL1(key, fromRedis, epochAtStart);
                return Uni.createFrom().item(fromRedis);
            }
            return load(key, loader, epochAtStart);
        });
    }

    private Uni<V> readL2(String key) {
        return redis.get(key)
                .map(stored -> {
                    if (stored == null) {
                        meters.l2Miss.increment();
                        return null;
                    }
                    V value = codec.decode(StoredValueFormat.unwrap(stored));
                    meters.l2Hit.increment();
                    return value;
                })
                .onFailure().recoverWithItem(failure -> {
                    meters.l2Error.increment();
                    LOG.warnf("cache %s: reading %s from Redis failed, loading instead: %s", settings.name(), key,
                            failure.toString());
                    return null;
                });
    }

    private Uni<V> load(String key, Supplier<Uni<V>> loader, long epochAtStart) {
        Timer.Sample sample = Timer.start();
        return Uni.createFrom().<V>deferred(loader::get)
                .onTermination().invoke(() -> sample.stop(meters.load))
                .call(value -> value == null ? Uni.createFrom().voidItem() : writeL2(key, value))
                .invoke(value -> {
                    if (value != null) {
                        fillL1(key, value, epochAtStart);
                    }
                });
    }

    private Uni<Void> writeL2(String key, V value) {
        byte[] stored = StoredValueFormat.wrap(codec.encode(value), settings.compressThresholdBytes());
        return redis.set(key, stored, new SetArgs().px(settings.ttl()))
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("cache %s: storing %s in Redis failed: %s", settings.name(), key, failure.toString());
                    return null;
                });
    }

    private void fillL1(String key, V value, long epochAtStart) {
        if (l1 != null && changeEpoch.get() == epochAtStart) {
            l1.put(key, value);
        }
    }

    private Uni<Void> announce(String key) {
        meters.localInvalidations.increment();
        if (publisher == null) {
            return Uni.createFrom().voidItem();
        }
        return publisher.publish(settings.invalidationTopic(), tenantOf(key), CacheInvalidation.EVENT_TYPE, key,
                new CacheInvalidation(settings.name(), key, instanceId));
    }

    /** The tenant in the key's hash tag ({@code config:{acme}:effective} → {@code acme}), else {@code null}. */
    static String tenantOf(String key) {
        Matcher matcher = HASH_TAG.matcher(key);
        return matcher.find() ? matcher.group(1) : null;
    }

    private static final class Meters {
        final Counter l1Hit;
        final Counter l1Miss;
        final Counter l2Hit;
        final Counter l2Miss;
        final Counter l2Error;
        final Timer load;
        final Counter localInvalidations;
        final Counter remoteInvalidations;

        Meters(String cache, MeterRegistry registry) {
            l1Hit = gets(registry, cache, "l1", "hit");
            l1Miss = gets(registry, cache, "l1", "miss");
            l2Hit = gets(registry, cache, "l2", "hit");
            l2Miss = gets(registry, cache, "l2", "miss");
            l2Error = gets(registry, cache, "l2", "error");
            load = Timer.builder("tenancy.cache.load")
                    .description("Time spent in the loader after a miss in both levels")
                    .tag("cache", cache)
                    .register(registry);
            localInvalidations = invalidations(registry, cache, "local");
            remoteInvalidations = invalidations(registry, cache, "remote");
        }

        private static Counter gets(MeterRegistry registry, String cache, String level, String result) {
            return Counter.builder("tenancy.cache.gets")
                    .description("Tiered cache lookups by level and result")
                    .tags("cache", cache, "level", level, "result", result)
                    .register(registry);
        }

        private static Counter invalidations(MeterRegistry registry, String cache, String origin) {
            return Counter.builder("tenancy.cache.invalidations")
                    .description("Keys changed here (local) or dropped on another replica's notice (remote)")
                    .tags("cache", cache, "origin", origin)
                    .register(registry);
        }
    }
}

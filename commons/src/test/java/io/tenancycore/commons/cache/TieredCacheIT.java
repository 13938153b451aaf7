package io.tenancycore.commons.cache;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.tenancycore.commons.events.EventSink;
import io.tenancycore.commons.testsupport.Infra;
import io.tenancycore.commons.testsupport.RedisClients;
import io.tenancycore.commons.testsupport.TcpProxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TieredCacheIT {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RedisClients redisClients = new RedisClients();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final List<CacheInvalidationRouter> replicas = new ArrayList<>();
    private final Set<String> usedKeys = new HashSet<>();
    private ReactiveRedisDataSource redis;
    private String tenant;

    @BeforeEach
    void setUp() {
        redis = redisClients.dataSource(Infra.redisUrl());
        tenant = "it" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (!usedKeys.isEmpty()) {
            redis.key().del(usedKeys.toArray(String[]::new)).await().atMost(Infra.TIMEOUT);
        }
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
        redisClients.close();
    }

    @Test
    void l1HitIsServedWithoutTouchingRedis() throws Exception {
        TcpProxy proxy = new TcpProxy(redisHost(), redisPort());
        closeables.add(proxy);
        TieredCache<String> cache = localCache(settings("l1hit"), redisClients.dataSource(proxy.redisUrl()));
        String key = key("greeting");
        AtomicInteger loads = new AtomicInteger();

        assertEquals("hello", cache.get(key, counting(loads, "hello")).await().atMost(Infra.TIMEOUT));
        long bytesAfterWarmUp = proxy.bytesToUpstream();
        for (int i = 0; i < 100; i++) {
            assertEquals("hello", cache.get(key, counting(loads, "other")).await().atMost(Infra.TIMEOUT));
        }
        assertEquals(bytesAfterWarmUp, proxy.bytesToUpstream(), "no Redis command for L1 hits");

        proxy.refuse();
        assertEquals("hello", cache.get(key, counting(loads, "other")).await().atMost(Infra.TIMEOUT),
                "L1 answers while Redis is unreachable");
        assertEquals(1, loads.get());
        assertEquals(101.0, gets(cacheName("l1hit"), "l1", "hit"));
        assertEquals(1.0, gets(cacheName("l1hit"), "l2", "miss"));

        String other = key("unreachable");
        assertEquals("fallback", cache.get(other, counting(loads, "fallback")).await().atMost(Infra.TIMEOUT),
                "a miss with Redis down degrades to the loader");
        assertEquals(1.0, gets(cacheName("l1hit"), "l2", "error"));
    }

    @Test
    void l2AnswersAfterTheL1EntryExpired() {
        CacheSettings settings = new CacheSettings(cacheName("expiry"), 100, Duration.ofMillis(200),
                Duration.ofMinutes(1), 1024, null);
        TieredCache<String> cache = localCache(settings, redis);
        String key = key("short-lived");
        AtomicInteger loads = new AtomicInteger();

        cache.get(key, counting(loads, "v")).await().atMost(Infra.TIMEOUT);
        await().atMost(Infra.TIMEOUT).until(() -> {
            cache.get(key, counting(loads, "reloaded")).await().atMost(Infra.TIMEOUT);
            return gets(settings.name(), "l2", "hit") == 1.0;
        });
        assertEquals("v", cache.get(key, counting(loads, "reloaded")).await().atMost(Infra.TIMEOUT));
        assertEquals(1, loads.get(), "Redis served the value, the loader ran only once");
    }

    @Test
    void l2AnswersForEntriesEvictedBySize() {
        CacheSettings settings = settings("eviction").withL1MaxSize(10);
        TieredCache<String> cache = localCache(settings, redis);
        AtomicInteger loads = new AtomicInteger();
        for (int i = 0; i < 50; i++) {
            cache.get(key("k" + i), counting(loads, "value" + i)).await().atMost(Infra.TIMEOUT);
        }
        assertTrue(cache.l1Size() <= 10, "L1 is bounded: " + cache.l1Size());
        for (int i = 0; i < 50; i++) {
            assertEquals("value" + i, cache.get(key("k" + i), counting(loads, "wrong")).await().atMost(Infra.TIMEOUT));
        }
        assertEquals(50, loads.get());
        assertTrue(gets(settings.name(), "l2", "hit") >= 40, "evicted entries came from Redis");
    }

    @Test
    void concurrentMissesCallTheLoaderOnce() throws Exception {
        TieredCache<String> cache = localCache(settings("singleflight"), redis);
        String key = key("hot");
        AtomicInteger loads = new AtomicInteger();
        ExecutorService callers = Executors.newFixedThreadPool(16);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                results.add(callers.submit(() -> {
                    start.await();
                    return cache.get(key, () -> {
                        loads.incrementAndGet();
                        return Uni.createFrom().item("computed").onItem().delayIt().by(Duration.ofMillis(300));
                    }).await().atMost(Infra.TIMEOUT);
                }));
            }
            start.countDown();
            for (Future<String> result : results) {
                assertEquals("computed", result.get());
            }
        } finally {
            callers.shutdownNow();
        }
        assertEquals(1, loads.get());
    }

    @Test
    void aFailedLoadFailsItsWaitersAndIsNotCached() {
        TieredCache<String> cache = localCache(settings("failure"), redis);
        String key = key("broken");
        AtomicInteger loads = new AtomicInteger();
        assertThrows(IllegalStateException.class, () -> cache.get(key, () -> {
            loads.incrementAndGet();
            return Uni.createFrom().failure(new IllegalStateException("backend down"));
        }).await().atMost(Infra.TIMEOUT));
        assertEquals("recovered", cache.get(key, counting(loads, "recovered")).await().atMost(Infra.TIMEOUT));
        assertEquals(2, loads.get());
        assertNull(cache.getIfPresent(key("absent")).await().atMost(Infra.TIMEOUT));
    }

    @Test
    void largeValuesAreCompressedInRedisAndRoundTrip() {
        TieredCache<String> cache = localCache(settings("compression").withCompressThresholdBytes(64), redis);
        String large = "tenant-config-line;".repeat(600);
        String small = "tiny";
        String largeKey = key("large");
        String smallKey = key("small");

        cache.put(largeKey, large).await().atMost(Infra.TIMEOUT);
        cache.put(smallKey, small).await().atMost(Infra.TIMEOUT);

        byte[] storedLarge = redis.value(byte[].class).get(largeKey).await().atMost(Infra.TIMEOUT);
        byte[] storedSmall = redis.value(byte[].class).get(smallKey).await().atMost(Infra.TIMEOUT);
        assertEquals(StoredValueFormat.DEFLATED, storedLarge[0]);
        assertTrue(storedLarge.length < large.length() / 10, "stored " + storedLarge.length + " bytes");
        assertEquals(StoredValueFormat.RAW, storedSmall[0]);
        assertArrayEquals(small.getBytes(), java.util.Arrays.copyOfRange(storedSmall, 1, storedSmall.length));

        cache.invalidateAllLocal();
        assertEquals(large, cache.getIfPresent(largeKey).await().atMost(Infra.TIMEOUT));
        assertEquals(small, cache.getIfPresent(smallKey).await().atMost(Infra.TIMEOUT));
        long ttlMillis = redis.key().pttl(largeKey).await().atMost(Infra.TIMEOUT);
        assertTrue(ttlMillis > 0 && ttlMillis <= CacheSettings.DEFAULT_TTL.toMillis(), "TTL set: " + ttlMillis);
    }

    @Test
    void aChangeOnOneReplicaInvalidatesTheOtherReplicasL1() throws Exception {
        String topic = "it.cache-invalidation";
        CacheSettings settings = settings("replicated");
        settings = new CacheSettings(settings.name(), 1000, settings.l1Ttl(), settings.ttl(), 1024, topic);
        TieredCache<String> replicaA = replica("a", settings);
        TieredCache<String> replicaB = replica("b", settings);
        String key = key("effective");
        AtomicInteger loadsOnB = new AtomicInteger();

        assertEquals("v1", replicaB.get(key, counting(loadsOnB, "v1")).await().atMost(Infra.TIMEOUT));
        assertEquals("v1", replicaA.get(key, () -> Uni.createFrom().item("unused")).await().atMost(Infra.TIMEOUT));

        replicaA.put(key, "v2").await().atMost(Infra.TIMEOUT);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertEquals("v2",
                replicaB.get(key, counting(loadsOnB, "loaded")).await().atMost(Infra.TIMEOUT)));
        assertEquals(1, loadsOnB.get(), "B read the new value from Redis, not from its loader");
        assertEquals(1.0, registry.get("tenancy.cache.invalidations").tag("cache", settings.name())
                .tag("origin", "remote").counter().count());
        assertEquals("v2", replicaA.getIfPresent(key).await().atMost(Infra.TIMEOUT), "A keeps its own write");

        replicaA.invalidate(key).await().atMost(Infra.TIMEOUT);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertEquals("v3",
                replicaB.get(key, counting(loadsOnB, "v3")).await().atMost(Infra.TIMEOUT)));
        assertEquals(2, loadsOnB.get());
    }

    @Test
    void tenantOfTheInvalidationRecordComesFromTheHashTag() {
        assertEquals("acme", TieredCache.tenantOf("config:{acme}:effective"));
        assertNull(TieredCache.tenantOf("templates:defaults"));
    }

    /**
     * A replica whose invalidations reach every replica's router as the CloudEvent the topic would carry (the hop
     * over the real broker is CommonsWiringIT's).
     */
    private TieredCache<String> replica(String instanceId, CacheSettings settings) {
        CacheInvalidationRouter router = new CacheInvalidationRouter();
        replicas.add(router);
        EventSink everyReplica = (topic, tenantId, type, subject, data) -> {
            byte[] json;
            try {
                json = Infra.mapper().writeValueAsBytes(data);
            } catch (java.io.IOException e) {
                return Uni.createFrom().failure(e);
            }
            var event = CloudEventBuilder.v1().withId(UUID.randomUUID().toString())
                    .withSource(java.net.URI.create("/tenancy/cache-it")).withType(type)
                    .withData("application/json", json).build();
            return io.smallrye.mutiny.Multi.createFrom().iterable(List.copyOf(replicas))
                    .onItem().transformToUniAndConcatenate(replica -> replica.route(event))
                    .collect().last().replaceWithVoid();
        };
        TieredCache<String> cache = new TieredCache<>(settings, CacheCodec.utf8(), redisClients.dataSource(
                Infra.redisUrl()), everyReplica, instanceId, registry);
        router.register(cache);
        return cache;
    }

    private TieredCache<String> localCache(CacheSettings settings, ReactiveRedisDataSource dataSource) {
        return new TieredCache<>(settings, CacheCodec.utf8(), dataSource, null, "local", registry);
    }

    private CacheSettings settings(String purpose) {
        return CacheSettings.defaults(cacheName(purpose), null);
    }

    private String cacheName(String purpose) {
        return purpose + "-" + tenant;
    }

    private String key(String name) {
        String key = "it-cache:{" + tenant + "}:" + name;
        usedKeys.add(key);
        return key;
    }

    private double gets(String cache, String level, String result) {
        return registry.get("tenancy.cache.gets").tag("cache", cache).tag("level", level).tag("result", result)
                .counter().count();
    }

    private static java.util.function.Supplier<Uni<String>> counting(AtomicInteger loads, String value) {
        return () -> {
            loads.incrementAndGet();
            return Uni.createFrom().item(value);
        };
    }

    private static String redisHost() {
        return java.net.URI.create(Infra.redisUrl()).getHost();
    }

    private static int redisPort() {
        int port = java.net.URI.create(Infra.redisUrl()).getPort();
        return port < 0 ? 6379 : port;
    }
}

package io.tenancycore.benchmarks;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.runtime.datasource.ReactiveRedisDataSourceImpl;
import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.cache.CacheCodec;
import io.tenancycore.commons.cache.CacheSettings;
import io.tenancycore.commons.cache.TieredCache;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisAPI;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the L1 of the tiered cache saves: an L1 hit, a get served by Redis (L1 disabled: GET + decode), and a plain
 * Redis GET through the same Quarkus client, all for one 512-byte value. Redis from {@code -Dredis.url}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TieredCacheBenchmark {

    private static final int VALUE_BYTES = 512;
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private Vertx vertx;
    private Redis redis;
    private TieredCache<String> tiered;
    private TieredCache<String> redisOnly;
    private ReactiveValueCommands<String, String> plain;
    private String tieredKey;
    private String redisOnlyKey;
    private String plainKey;
    private Supplier<Uni<String>> loader;

    @Setup(Level.Trial)
    public void connect() {
        String url = System.getProperty("redis.url", "redis://127.0.0.1:6379");
        vertx = Vertx.vertx();
        redis = Redis.createClient(vertx, url);
        ReactiveRedisDataSource dataSource = new ReactiveRedisDataSourceImpl(vertx, redis, RedisAPI.api(redis));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        String run = UUID.randomUUID().toString().substring(0, 8);
        tieredKey = "bench:{" + run + "}:tiered";
        redisOnlyKey = "bench:{" + run + "}:redis-only";
        plainKey = "bench:{" + run + "}:plain";
        String value = "v".repeat(VALUE_BYTES);
        loader = () -> Uni.createFrom().item(value);

        CacheSettings settings = CacheSettings.defaults("bench", null);
        tiered = new TieredCache<>(settings, CacheCodec.utf8(), dataSource, null, "bench", registry);
        redisOnly = new TieredCache<>(settings.withL1MaxSize(0), CacheCodec.utf8(), dataSource, null, "bench",
                registry);
        plain = dataSource.value(String.class);

        tiered.get(tieredKey, loader).await().atMost(TIMEOUT);
        redisOnly.put(redisOnlyKey, value).await().atMost(TIMEOUT);
        plain.set(plainKey, value).await().atMost(TIMEOUT);
    }

    @Benchmark
    public String tieredL1Hit() {
        return tiered.get(tieredKey, loader).await().atMost(TIMEOUT);
    }

    @Benchmark
    public String tieredL2Hit() {
        return redisOnly.get(redisOnlyKey, loader).await().atMost(TIMEOUT);
    }

    @Benchmark
    public String plainRedisGet() {
        return plain.get(plainKey).await().atMost(TIMEOUT);
    }

    @TearDown(Level.Trial)
    public void disconnect() {
        new ReactiveRedisDataSourceImpl(vertx, redis, RedisAPI.api(redis)).key()
                .del(tieredKey, redisOnlyKey, plainKey).await().atMost(TIMEOUT);
        redis.close();
        vertx.closeAndAwait();
    }
}

package io.tenancycore.config.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.TextNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.error.Problem;
import io.tenancycore.commons.error.ProblemException;
import io.tenancycore.commons.metrics.TenantMetricsConfig;
import io.tenancycore.commons.metrics.TenantTagLimiter;
import io.tenancycore.commons.storage.StorageQuotaExceeded;
import io.tenancycore.commons.storage.StorageUsageMetrics;
import io.tenancycore.commons.storage.TenantStorage;
import io.tenancycore.commons.storage.TenantStorageConfig;
import io.tenancycore.commons.tenantstatus.TenantDirectory;
import io.tenancycore.commons.tenantstatus.TenantProfile;
import io.tenancycore.commons.tenantstatus.TenantStatus;
import io.tenancycore.commons.testsupport.Infra;
import io.tenancycore.commons.testsupport.RedisClients;
import io.tenancycore.config.support.ConfigServiceConfig;
import io.tenancycore.config.support.RedisKeys;
import io.tenancycore.config.testing.Fixtures;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The store's write script against the real Redis: atomic If-Match, old/new values per revision, compaction, the
 * tenant's stored-bytes counter and its storage quota.
 */
class ConfigStoreIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final int RETENTION = 3;
    private static RedisClients clients;
    private static ReactiveRedisDataSource redis;
    private static ConfigStore store;
    /** Storage quotas (bytes) of the tenants of these tests, as their documents would give them. */
    private static final Map<String, Long> QUOTAS = new ConcurrentHashMap<>();
    private static final TenantDirectory QUOTA_DIRECTORY = tenant -> Uni.createFrom().item(
            new TenantProfile(TenantStatus.ACTIVE, Set.of(), QUOTAS.get(tenant)));
    private static final TenantStorageConfig STORAGE = new TenantStorageConfig() {
        @Override
        public Optional<String> service() {
            return Optional.of("config");
        }

        @Override
        public List<String> countedServices() {
            return List.of("config", "template");
        }

        @Override
        public Duration gaugeRefresh() {
            return Duration.ofMinutes(1);
        }
    };
    private static final SimpleMeterRegistry METERS = new SimpleMeterRegistry();
    private static final StorageUsageMetrics USAGE = new StorageUsageMetrics(METERS, new TenantTagLimiter(
            new TenantMetricsConfig() {
                @Override
                public int maxTenantTags() {
                    return 100;
                }

                @Override
                public List<Duration> latencyBuckets() {
                    return List.of();
                }

                @Override
                public List<String> ignoredPathPrefixes() {
                    return List.of();
                }

                @Override
                public String diskPath() {
                    return "/";
                }
            }), STORAGE, null, null);

    @BeforeAll
    static void connect() {
        clients = new RedisClients();
        redis = clients.dataSource(Infra.redisUrl());
        store = new ConfigStore(redis, new SmallRetention(), new TenantStorage(QUOTA_DIRECTORY, STORAGE), USAGE);
    }

    @AfterAll
    static void close() {
        clients.close();
    }

    @Test
    void revisionsRecordOldValuesAreConditionalAndCompactBeyondRetention() {
        String tenant = Fixtures.uniqueTenant("store");
        try {
            Layer layer = Layer.tenant(null);
            for (int i = 1; i <= 5; i++) {
                long revision = store.apply(tenant, List.of(Mutation.set(layer, "k", StoredValue.plain(
                        com.fasterxml.jackson.databind.node.IntNode.valueOf(i)))), null, "tester", "config.put")
                        .await().atMost(TIMEOUT);
                assertEquals(i, revision);
            }
            RevisionState state = store.state(tenant).await().atMost(TIMEOUT);
            assertEquals(5, state.revision());
            assertEquals(5 - RETENTION, state.compactedUpTo());
            List<RevisionRecord> kept = store.revisionsAfter(tenant, 0).await().atMost(TIMEOUT);
            assertEquals(List.of(3L, 4L, 5L), kept.stream().map(RevisionRecord::revision).toList());
            assertEquals("4", StoredValue.decode(kept.get(2).changes().get(0).old()).value().toString());

            ProblemException stale = assertThrows(ProblemException.class, () -> store.apply(tenant,
                    List.of(Mutation.delete(layer, "k")), 4L, "tester", "config.delete").await().atMost(TIMEOUT));
            assertEquals(412, stale.status());
            assertEquals(6, store.apply(tenant, List.of(Mutation.delete(layer, "k")), 5L, "tester",
                    "config.delete").await().atMost(TIMEOUT));
            Map<String, StoredValue> values = store.layer(tenant, layer).await().atMost(TIMEOUT);
            assertTrue(values.isEmpty());
        } finally {
            redis.key().del(RedisKeys.revision(tenant), RedisKeys.changes(tenant), RedisKeys.compacted(tenant),
                    RedisKeys.layer(tenant, "tenant")).await().atMost(TIMEOUT);
        }
    }

    @Test
    void storedBytesGrowWithWritesShrinkWithDeletesAndAreExportedPerTenant() {
        String tenant = Fixtures.uniqueTenant("usage");
        Layer layer = Layer.tenant(null);
        try {
            assertEquals(0, stored(tenant));
            put(tenant, "db.url", "postgres://db-1.internal:5432/app");
            long afterOne = stored(tenant);
            assertTrue(afterOne > "db.url".length() + "postgres://db-1.internal:5432/app".length(),
                    "the value, its key and its history record count: " + afterOne);
            put(tenant, "db.password", "x".repeat(2_000));
            long afterTwo = stored(tenant);
            assertTrue(afterTwo > afterOne + 2_000, afterTwo + " after a 2,000-byte value, " + afterOne + " before");
            assertEquals(afterTwo, gauge(tenant));

            // retention 3: the records naming the big value (its write, its delete) are compacted away, the value is gone
            store.apply(tenant, List.of(Mutation.delete(layer, "db.password")), null, "tester", "config.delete")
                    .await().atMost(TIMEOUT);
            put(tenant, "a", "1");
            put(tenant, "b", "2");
            put(tenant, "c", "3");
            long afterDelete = stored(tenant);
            assertTrue(afterDelete < afterTwo - 2_000, afterDelete + " after deleting 2,000 bytes, " + afterTwo
                    + " before");
            assertEquals(measured(tenant), afterDelete, "the counter equals what the tenant's keys hold");
            assertEquals(afterDelete, gauge(tenant));
        } finally {
            forget(tenant);
        }
    }

    @Test
    void aWriteThatWouldPassTheQuotaIsRefusedAndChangesNothingWhileSmallerWritesPass() {
        String tenant = Fixtures.uniqueTenant("quota");
        Layer layer = Layer.tenant(null);
        QUOTAS.put(tenant, 1_000L);
        try {
            put(tenant, "small", "fits");
            long before = stored(tenant);
            StorageQuotaExceeded refused = assertThrows(StorageQuotaExceeded.class,
                    () -> put(tenant, "big", "y".repeat(1_000)));
            assertEquals(413, refused.status());
            Problem problem = refused.toProblem("/x");
            assertEquals("urn:tenancycore:problem:config:storage-quota-exceeded", problem.type());
            assertTrue(problem.detail().contains("1000 bytes") && problem.detail().contains(before + " bytes"),
                    problem.detail());
            assertEquals(before, stored(tenant));
            assertEquals(Set.of("small"), store.layer(tenant, layer).await().atMost(TIMEOUT).keySet());
            assertEquals(1, store.state(tenant).await().atMost(TIMEOUT).revision(), "no revision was recorded");

            // another service's bytes of the same tenant count too
            redis.value(Long.class).set(TenantStorage.usageKey("template", tenant), 1_000L - before)
                    .await().atMost(TIMEOUT);
            assertThrows(StorageQuotaExceeded.class, () -> put(tenant, "tiny", "1"));
            // freeing space is always allowed
            store.apply(tenant, List.of(Mutation.delete(layer, "small")), null, "tester", "config.delete")
                    .await().atMost(TIMEOUT);
        } finally {
            QUOTAS.remove(tenant);
            forget(tenant);
        }
    }

    private static void put(String tenant, String key, String value) {
        store.apply(tenant, List.of(Mutation.set(Layer.tenant(null), key, StoredValue.plain(TextNode.valueOf(value)))),
                null, "tester", "config.put").await().atMost(TIMEOUT);
    }

    private static long stored(String tenant) {
        return store.storedBytes(tenant).await().atMost(TIMEOUT);
    }

    private static double gauge(String tenant) {
        return METERS.get(StorageUsageMetrics.NAME).tag("tenant", tenant).tag("service", "config").gauge().value();
    }

    /** Field names, values and history records the tenant's keys hold now, read back from Redis. */
    private static long measured(String tenant) {
        long bytes = 0;
        for (Map.Entry<String, String> field : redis.hash(String.class).hgetall(RedisKeys.layer(tenant, "tenant"))
                .await().atMost(TIMEOUT).entrySet()) {
            bytes += field.getKey().getBytes(StandardCharsets.UTF_8).length
                    + field.getValue().getBytes(StandardCharsets.UTF_8).length;
        }
        for (String record : redis.sortedSet(String.class).zrange(RedisKeys.changes(tenant), 0, -1)
                .await().atMost(TIMEOUT)) {
            bytes += record.getBytes(StandardCharsets.UTF_8).length;
        }
        return bytes;
    }

    private static void forget(String tenant) {
        redis.key().del(RedisKeys.revision(tenant), RedisKeys.changes(tenant), RedisKeys.compacted(tenant),
                RedisKeys.layer(tenant, "tenant"), TenantStorage.usageKey("config", tenant),
                TenantStorage.usageKey("template", tenant)).await().atMost(TIMEOUT);
    }

    private static final class SmallRetention implements ConfigServiceConfig {
        @Override
        public List<String> environments() {
            return List.of("dev", "staging", "prod");
        }

        @Override
        public int historyRetention() {
            return RETENTION;
        }

        @Override
        public Duration watchDefaultWait() {
            return Duration.ofSeconds(30);
        }

        @Override
        public Duration watchMaxWait() {
            return Duration.ofSeconds(120);
        }

        @Override
        public String secretMask() {
            return "******";
        }

        @Override
        public String secretKeyName() {
            return "config-secrets";
        }

        @Override
        public int defaultPageSize() {
            return 50;
        }

        @Override
        public int maxPageSize() {
            return 500;
        }
    }
}

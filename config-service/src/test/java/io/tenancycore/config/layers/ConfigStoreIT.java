package io.tenancycore.config.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenancycore.commons.error.ProblemException;
import io.tenancycore.commons.testsupport.Infra;
import io.tenancycore.commons.testsupport.RedisClients;
import io.tenancycore.config.support.ConfigServiceConfig;
import io.tenancycore.config.support.RedisKeys;
import io.tenancycore.config.testing.Fixtures;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The store's write script against the real Redis: atomic If-Match, old/new values per revision, compaction. */
class ConfigStoreIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final int RETENTION = 3;
    private static RedisClients clients;
    private static ReactiveRedisDataSource redis;
    private static ConfigStore store;

    @BeforeAll
    static void connect() {
        clients = new RedisClients();
        redis = clients.dataSource(Infra.redisUrl());
        store = new ConfigStore(redis, new SmallRetention());
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

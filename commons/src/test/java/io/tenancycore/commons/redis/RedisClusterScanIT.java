package io.tenancycore.commons.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.tenancycore.commons.testsupport.Infra;
import io.tenancycore.commons.testsupport.RedisClients;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Against a real 3-master Redis Cluster ({@code REDIS_MODE=cluster ./suite infra}; {@code -Dredis.url} lists the seed
 * nodes, {@code -Dtenancy.redis.mode=cluster}): {@link KeyScanner} lists the keys of every master, where the client's
 * own SCAN answers from one node only; and DESIGN's layout keeps a tenant's multi-key script legal. The keys carry a
 * tag of this run, so the suite's own data is neither listed nor touched.
 */
@EnabledIfSystemProperty(named = "tenancy.redis.mode", matches = "cluster")
class RedisClusterScanIT {

    private static final String RUN = "itscan-" + UUID.randomUUID().toString().substring(0, 8);
    private static final int TENANTS = 40;
    private static RedisClients clients;
    private static ReactiveRedisDataSource redis;

    @BeforeAll
    static void connect() {
        clients = new RedisClients();
        redis = clients.clusterDataSource(Infra.redisUrl());
    }

    @AfterAll
    static void cleanUp() {
        for (int i = 0; i < TENANTS; i++) {
            redis.key().del(usageKey(i), TenantKeys.key(RUN, "t" + i, "other")).await().atMost(Infra.TIMEOUT);
        }
        clients.close();
    }

    private static String usageKey(int tenant) {
        return TenantKeys.key(RUN, "t" + tenant, "storage-bytes");
    }

    @Test
    void scannerListsTheKeysOfEveryMasterOnce() {
        Set<String> written = new TreeSet<>();
        for (int i = 0; i < TENANTS; i++) {
            redis.value(Long.class).set(usageKey(i), (long) i).await().atMost(Infra.TIMEOUT);
            written.add(usageKey(i));
        }
        Set<String> nodesHoldingThem = new HashSet<>();
        for (String key : written) {
            nodesHoldingThem.add(nodeOf(key));
        }
        assertEquals(3, nodesHoldingThem.size(), "40 tenants' keys spread over the 3 masters: " + nodesHoldingThem);

        List<String> scanned = scanner().scan(RUN + ":{*}:storage-bytes").collect().asList().await()
                .atMost(Infra.TIMEOUT);

        assertEquals(written, new TreeSet<>(scanned), "every master's keys, and only the matching ones");
    }

    @Test
    void aTenantsKeysShareOneSlotSoAMultiKeyScriptRuns() {
        String first = TenantKeys.key(RUN, "t7", "storage-bytes");
        String second = TenantKeys.key(RUN, "t7", "other");
        var reply = redis.execute("EVAL", "redis.call('SET', KEYS[1], ARGV[1]); redis.call('SET', KEYS[2], ARGV[1]);"
                + " return redis.call('MGET', KEYS[1], KEYS[2])", "2", first, second, "42").await()
                .atMost(Infra.TIMEOUT);
        assertEquals("42", reply.get(1).toString());
        assertEquals(slot(first), slot(second));
    }

    @Test
    void keysOfTwoTenantsOnDifferentSlotsAreRefusedInOneScript() {
        String a = TenantKeys.key(RUN, "t1", "other");
        String b = TenantKeys.key(RUN, "t2", "other");
        assertTrue(slot(a) != slot(b));
        Throwable failure = org.junit.jupiter.api.Assertions.assertThrows(Throwable.class, () -> redis.execute("EVAL",
                "return redis.call('MGET', KEYS[1], KEYS[2])", "2", a, b).await().atMost(Infra.TIMEOUT));
        assertTrue(String.valueOf(failure.getMessage()).contains("CROSSSLOT"), failure.toString());
    }

    private KeyScanner scanner() {
        List<URI> hosts = new ArrayList<>();
        for (String url : Infra.redisUrl().split(",")) {
            hosts.add(URI.create(url.trim()));
        }
        return new KeyScanner(redis, "cluster", Optional.of(new HashSet<>(hosts)), Optional.empty());
    }

    private static long slot(String key) {
        return redis.execute("CLUSTER", "KEYSLOT", key).await().atMost(Infra.TIMEOUT).toLong();
    }

    /** The address of the master serving the key's slot, from CLUSTER SLOTS. */
    private static String nodeOf(String key) {
        long slot = slot(key);
        for (var range : redis.execute("CLUSTER", "SLOTS").await().atMost(Infra.TIMEOUT)) {
            if (range.get(0).toLong() <= slot && slot <= range.get(1).toLong()) {
                return range.get(2).get(0).toString() + ":" + range.get(2).get(1).toLong();
            }
        }
        throw new AssertionError("no master serves slot " + slot);
    }
}

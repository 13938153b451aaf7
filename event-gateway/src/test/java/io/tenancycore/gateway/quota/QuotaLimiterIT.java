package io.tenancycore.gateway.quota;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.testsupport.Infra;
import io.tenancycore.commons.testsupport.RedisClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two gateway replicas' limiters, each with its own Redis connection, share one exact count. */
class QuotaLimiterIT {

    private static RedisClients clients;
    private static QuotaLimiter replicaA;
    private static QuotaLimiter replicaB;

    @BeforeAll
    static void connect() {
        clients = new RedisClients();
        replicaA = new QuotaLimiter(clients.dataSource(Infra.redisUrl()));
        replicaB = new QuotaLimiter(clients.dataSource(Infra.redisUrl()));
    }

    @AfterAll
    static void close() {
        clients.close();
    }

    @Test
    void concurrentRequestsOnTwoReplicasAdmitExactlyTheQuota() {
        String tenant = "limit" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        int quota = 50;
        List<Uni<QuotaDecision>> calls = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            calls.add((i % 2 == 0 ? replicaA : replicaB).acquire(tenant, quota));
        }
        // 24 in flight at a time, across both replicas: what a default Redis client pool (6 + 24 waiting) accepts
        List<QuotaDecision> decisions = Uni.join().all(calls).usingConcurrencyOf(24).andFailFast().await()
                .atMost(Duration.ofSeconds(20));
        long admitted = decisions.stream().filter(QuotaDecision::allowed).count();
        assertEquals(quota, admitted);
        // every admitted request got its own place in the count: no two replicas handed out the same one
        assertEquals(quota, decisions.stream().filter(QuotaDecision::allowed).mapToLong(QuotaDecision::used)
                .distinct().count());
        assertTrue(decisions.stream().filter(d -> !d.allowed()).allMatch(d -> d.remaining() == 0 && d.used() == quota));
    }

    @Test
    void refusedRequestsAreNotCounted() {
        String tenant = "limit" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        for (int i = 0; i < 5; i++) {
            replicaA.acquire(tenant, 2).await().atMost(Duration.ofSeconds(5));
        }
        // a larger quota (the tenant was upgraded) finds the count at 2, not 5
        QuotaDecision afterUpgrade = replicaB.acquire(tenant, 10).await().atMost(Duration.ofSeconds(5));
        assertTrue(afterUpgrade.allowed());
        assertEquals(3, afterUpgrade.used());
    }

    @Test
    void aFlushedScriptCacheIsRefilled() {
        String tenant = "limit" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        clients.dataSource(Infra.redisUrl()).execute("SCRIPT", "FLUSH").await().atMost(Duration.ofSeconds(5));
        assertTrue(replicaA.acquire(tenant, 1).await().atMost(Duration.ofSeconds(5)).allowed());
    }
}

package io.tenancycore.security.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smallrye.mutiny.Uni;
import io.tenancycore.security.crypto.MasterKeyRing;
import io.tenancycore.commons.lease.RedisLease;
import io.tenancycore.security.store.RedisKeys;
import io.tenancycore.security.support.RedisClients;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Transit keys against the real Redis: restarts, concurrent replicas, master-key rotation. */
class TransitRedisIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    /**
     * The test service's master key ({@code tenancy.security.kek.current} in application.properties): the keys these
     * tests leave in the shared Redis database stay readable for the service's KEK re-wrap, which walks every key.
     */
    private static final String KEK = "q8Yy0m3W1i3n9hE2m2mR7m0QhZb1bXo3m3oK0c6R1e0=";
    private final byte[] secret = "payroll".getBytes(StandardCharsets.UTF_8);

    private static TransitKey newKey(TransitEngine engine, String tenant, String name, Duration period, Instant at) {
        return new TransitKey(tenant, name, at, 1, 1, 0, period, false, false, at, new TreeMap<>(Map.of(1, at)),
                Map.of(1, engine.newWrappedMaterial(tenant, name, 1)));
    }

    @Test
    void aRestartLosesNoKey() {
        String tenant = "it-" + UUID.randomUUID().toString().substring(0, 8);
        String ciphertext;
        try (RedisClients first = new RedisClients()) {
            TransitEngine engine = new TransitEngine(MasterKeyRing.fromBase64(KEK, List.of()));
            TransitKeyStore store = new TransitKeyStore(first.dataSource());
            store.create(newKey(engine, tenant, "k", Duration.ZERO, Instant.now())).await().atMost(WAIT);
            ciphertext = engine.encrypt(store.find(tenant, "k").await().atMost(WAIT), secret, null, 0);
        }
        // a new process: new connections, a master key ring built again from the same ENCRYPTION_KEY
        try (RedisClients second = new RedisClients()) {
            TransitEngine engine = new TransitEngine(MasterKeyRing.fromBase64(KEK, List.of()));
            TransitKey reloaded = new TransitKeyStore(second.dataSource()).find(tenant, "k").await().atMost(WAIT);
            assertArrayEquals(secret, engine.decrypt(reloaded, ciphertext, null));
        }
    }

    @Test
    void twoReplicasNeverRotateTheSameKeyTwice() throws Exception {
        String tenant = "it-" + UUID.randomUUID().toString().substring(0, 8);
        Instant created = Instant.now().minus(Duration.ofHours(2));
        Clock clock = Clock.fixed(Instant.now(), ZoneOffset.UTC);
        try (RedisClients redis = new RedisClients()) {
            TransitEngine engine = new TransitEngine(MasterKeyRing.fromBase64(KEK, List.of()));
            TransitKeyStore seed = new TransitKeyStore(redis.dataSource());
            seed.create(newKey(engine, tenant, "due", Duration.ofHours(1), created)).await().atMost(WAIT);
            seed.create(newKey(engine, tenant, "fresh", Duration.ofDays(1), created)).await().atMost(WAIT);

            AtomicInteger announced = new AtomicInteger();
            String leaseKey = RedisKeys.platform("it-lease:" + tenant);
            List<CompletableFuture<Integer>> runs = List.of("replica-a", "replica-b", "replica-c").stream()
                    .map(replica -> {
                        var ds = redis.dataSource();
                        KeyAutoRotator rotator = new KeyAutoRotator(new TransitKeyStore(ds), engine, clock,
                                (key, version) -> Uni.createFrom().voidItem().invoke(announced::incrementAndGet));
                        RedisLease lease = new RedisLease(ds, leaseKey, replica);
                        // each replica checks this tenant only (others' keys in the DB are not ours to rotate)
                        Uni<Integer> run = rotator.rotateIfDue(tenant, "due")
                                .chain(n -> rotator.rotateIfDue(tenant, "fresh").map(m -> n + m));
                        return lease.runExclusively(Duration.ofSeconds(10), run, 0).subscribeAsCompletionStage();
                    }).toList();
            int total = 0;
            for (CompletableFuture<Integer> run : runs) {
                total += run.get();
            }
            // and a run without the lease at all still cannot add a second version
            KeyAutoRotator unguarded = new KeyAutoRotator(seed, engine, clock, (k, v) -> Uni.createFrom().voidItem());
            total += unguarded.rotateIfDue(tenant, "due").await().atMost(WAIT);

            assertEquals(1, total);
            assertEquals(1, announced.get());
            assertEquals(2, seed.find(tenant, "due").await().atMost(WAIT).latestVersion());
            assertEquals(1, seed.find(tenant, "fresh").await().atMost(WAIT).latestVersion());
        }
    }

    @Test
    void masterKeyRotationRewrapsWithoutLosingReadability() {
        String tenant = "it-" + UUID.randomUUID().toString().substring(0, 8);
        String newKek = Base64.getEncoder().encodeToString(AesGcm.newKey());
        try (RedisClients redis = new RedisClients()) {
            TransitKeyStore store = new TransitKeyStore(redis.dataSource());
            TransitEngine before = new TransitEngine(MasterKeyRing.fromBase64(KEK, List.of()));
            store.create(newKey(before, tenant, "k", Duration.ZERO, Instant.now())).await().atMost(WAIT);
            TransitKey key = store.find(tenant, "k").await().atMost(WAIT);
            String ciphertext = before.encrypt(key, secret, null, 0);

            MasterKeyRing rotated = MasterKeyRing.fromBase64(newKek, List.of(KEK));
            String location = TransitKey.materialLocation(tenant, "k", 1);
            String old = key.wrappedVersions().get(1);
            store.replaceMaterial(tenant, "k", 1, old, rotated.rewrap(old, location)).await().atMost(WAIT);

            TransitKey rewrapped = store.find(tenant, "k").await().atMost(WAIT);
            MasterKeyRing onlyNew = MasterKeyRing.fromBase64(newKek, List.of());
            assertEquals(onlyNew.currentId(), MasterKeyRing.kekIdOf(rewrapped.wrappedVersions().get(1)));
            assertArrayEquals(secret, new TransitEngine(onlyNew).decrypt(rewrapped, ciphertext, null));
            // wrapped by a master key the test service does not know: its KEK re-wrap would fail on it
            store.delete(tenant, "k").await().atMost(WAIT);
        }
    }
}

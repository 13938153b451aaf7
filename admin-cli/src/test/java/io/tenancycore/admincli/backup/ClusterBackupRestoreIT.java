package io.tenancycore.admincli.backup;

import static io.vertx.redis.client.Command.CLUSTER;
import static io.vertx.redis.client.Command.SET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import io.tenancycore.admincli.connect.HashSlot;
import io.tenancycore.admincli.connect.RedisSession;
import io.tenancycore.admincli.support.Infra;
import io.tenancycore.admincli.support.RedisState;
import io.tenancycore.admincli.support.TestRedis;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * corectl against a real 3-master Redis Cluster ({@code REDIS_MODE=cluster ./suite test}: {@code -Dredis.url} lists
 * the nodes, {@code -Dtenancy.redis.mode=cluster}): corectl's slot arithmetic is the cluster's, a backup visits every
 * master, and a restore whose keys span every master (one transaction per slot) gives all of them back. The keys carry
 * a tag of this run, so the running suite's keys are neither saved nor touched. {@link BackupRestoreIT} runs against
 * the cluster too (corrupt archives, conflicts, rollback).
 */
@QuarkusMainTest
@EnabledIfSystemProperty(named = "tenancy.redis.mode", matches = "cluster")
class ClusterBackupRestoreIT {

    private static final String TAG = "itc-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String MATCH = "*" + TAG + "*";
    private static final int TENANTS = 60;
    private static TestRedis redis;

    @TempDir
    Path dir;

    @BeforeAll
    static void connect() {
        redis = new TestRedis();
    }

    @AfterAll
    static void cleanUp() {
        RedisState.delete(redis.session(), MATCH);
        redis.close();
    }

    @Test
    void corectlComputesTheSlotTheClusterComputes() {
        RedisSession session = redis.session();
        assertTrue(session.cluster(), "the test Redis is a cluster");
        Random random = new Random(42);
        List<String> keys = new java.util.ArrayList<>(List.of("123456789", "{user1000}.following", "foo{}{bar}",
                "foo{{bar}}zap", "foo{bar}{zap}", "{}", "a}b{c", "config:{acme}:rev", "corectl:{_platform}:x"));
        for (int i = 0; i < 200; i++) {
            byte[] bytes = new byte[1 + random.nextInt(20)];
            for (int b = 0; b < bytes.length; b++) {
                bytes[b] = (byte) "ab{}:_-9".charAt(random.nextInt(8));
            }
            keys.add(new String(bytes, StandardCharsets.US_ASCII));
        }
        for (String key : keys) {
            long slot = session.send(CLUSTER, "KEYSLOT", key).toLong();
            assertEquals(slot, HashSlot.of(key), key);
            byte[] staging = RestoreCommand.stagingKey("corectl:restore-staging:run:", 7, key.getBytes(
                    StandardCharsets.US_ASCII));
            assertEquals(slot, session.send(CLUSTER, "KEYSLOT", staging).toLong(), "staging key of " + key);
        }
    }

    @Test
    void backupAndRestoreCoverEveryMaster(QuarkusMainLauncher launcher) throws IOException {
        RedisSession session = redis.session();
        Set<String> masters = new HashSet<>();
        for (int i = 0; i < TENANTS; i++) {
            String prefix = "config:{" + TAG + "-t" + i + "}:";
            session.send(SET, prefix + "rev", Integer.toString(i));
            session.send(SET, prefix + "layer:tenant", "{\"n\":" + i + "}", "PX", 600_000);
            masters.add(masterOf(session, prefix + "rev"));
        }
        session.send(SET, "corectl:{_platform-" + TAG + "}:marker", "platform");
        assertEquals(3, masters.size(), "the tenants' keys sit on all 3 masters");
        RedisState before = RedisState.read(session, MATCH);
        assertEquals(2 * TENANTS + 1, before.values().size());

        Path archive = dir.resolve("cluster.tar.gz");
        LaunchResult backup = launcher.launch("backup", "--redis-url", Infra.redisUrl(), "--output",
                archive.toString(), "--match", MATCH, "--batch-size", "9");
        assertEquals(0, backup.exitCode(), backup.getErrorOutput());
        assertEquals(before.values().size(), new ObjectMapper().readTree(ArchiveFiles.read(archive)
                .get(BackupArchive.MANIFEST)).path("key_count").asLong(), "the manifest counts every master's keys");

        RedisState.delete(session, MATCH);
        LaunchResult restore = launcher.launch("restore", "--redis-url", Infra.redisUrl(), "--input",
                archive.toString(), "--batch-size", "11");

        assertEquals(0, restore.exitCode(), restore.getErrorOutput());
        RedisState after = RedisState.read(session, MATCH);
        assertEquals(before.values(), after.values());
        for (String key : before.ttls().keySet()) {
            assertEquals(before.ttls().get(key) == -1, after.ttls().get(key) == -1, "TTL kind of " + key);
        }
        assertEquals(0, RedisState.count(session, "corectl:restore-staging:*"), "no staging key is left");
    }

    /** The address of the master serving the key's slot (CLUSTER SLOTS). */
    private static String masterOf(RedisSession session, String key) {
        long slot = HashSlot.of(key);
        for (var range : session.send(CLUSTER, "SLOTS")) {
            if (range.get(0).toLong() <= slot && slot <= range.get(1).toLong()) {
                return range.get(2).get(0).toString() + ":" + range.get(2).get(1).toLong();
            }
        }
        throw new AssertionError("no master serves slot " + slot);
    }
}

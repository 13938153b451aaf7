package io.tenancycore.admincli.backup;

import static io.vertx.redis.client.Command.GET;
import static io.vertx.redis.client.Command.HSET;
import static io.vertx.redis.client.Command.LPUSH;
import static io.vertx.redis.client.Command.PEXPIRE;
import static io.vertx.redis.client.Command.SADD;
import static io.vertx.redis.client.Command.SET;
import static io.vertx.redis.client.Command.XADD;
import static io.vertx.redis.client.Command.ZADD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import io.tenancycore.admincli.connect.RedisSession;
import io.tenancycore.admincli.support.Infra;
import io.tenancycore.admincli.support.RedisState;
import io.tenancycore.admincli.support.TestRedis;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * backup → flush → restore over the real Redis (database 9): every key of every namespace and type comes back with its
 * value and TTL; corrupt archives and conflicts are refused and write nothing. The keys carry a tag of this run
 * ({@code --match}), so other data in the database is neither saved nor touched. Runs unchanged against a Redis
 * Cluster ({@code -Dredis.url} listing its nodes, as {@code REDIS_MODE=cluster ./suite test} does): each namespace has
 * its own hash tag, so the keys spread over slots and masters.
 */
@QuarkusMainTest
class BackupRestoreIT {

    private static final String[] NAMESPACES = {"config", "security", "alert", "template", "workflow", "gateway"};
    private static final long TTL_MILLIS = 600_000;
    private static final long TTL_TOLERANCE_MILLIS = 60_000;

    private static final String TAG = "it-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String MATCH = "*" + TAG + "*";
    private static final String STAGING = "corectl:restore-staging:*";
    private static TestRedis redis;
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path dir;

    @BeforeAll
    static void connect() {
        redis = new TestRedis();
    }

    @AfterAll
    static void disconnect() {
        // in a Redis Cluster (database 0 only) the keys would otherwise stay beside the running suite's
        RedisState.delete(redis.session(), MATCH);
        redis.close();
    }

    @BeforeEach
    void seedEveryNamespaceAndType() {
        RedisSession r = redis.session();
        RedisState.delete(r, MATCH);
        for (String ns : NAMESPACES) {
            // one hash tag per namespace: in a Redis Cluster the namespaces land in different slots and nodes
            String t = ns + ":{" + TAG + "-" + ns + "}:";
            r.send(SET, t + "string", "value of " + ns + " ünïcode");
            r.send(HSET, t + "hash", "field1", "1", "field2", "{\"json\":true}");
            r.send(LPUSH, t + "list", "c", "b", "a");
            r.send(SADD, t + "set", "x", "y", "z");
            r.send(ZADD, t + "zset", "1.5", "low", "99", "high");
            r.send(XADD, t + "stream", "*", "event", "created", "n", "1");
            r.send(XADD, t + "stream", "*", "event", "updated", "n", "2");
            r.send(SET, t + "expiring", "soon");
            r.send(PEXPIRE, t + "expiring", TTL_MILLIS);
            r.send(HSET, t + "expiring-hash", "a", "b");
            r.send(PEXPIRE, t + "expiring-hash", TTL_MILLIS);
        }
        r.send(SET, "no-namespace-" + TAG, "plain");
    }

    private LaunchResult backup(QuarkusMainLauncher launcher, Path archive) {
        return launcher.launch("backup", "--redis-url", Infra.redisUrl(), "--output", archive.toString(),
                "--match", MATCH, "--batch-size", "7");
    }

    private static LaunchResult restore(QuarkusMainLauncher launcher, Path archive, String... extra) {
        List<String> args = new ArrayList<>(List.of("restore", "--redis-url", Infra.redisUrl(), "--input",
                archive.toString(), "--batch-size", "5"));
        args.addAll(List.of(extra));
        return launcher.launch(args.toArray(String[]::new));
    }

    private Path goodArchive(QuarkusMainLauncher launcher) {
        Path archive = dir.resolve("backup.tar.gz");
        LaunchResult result = backup(launcher, archive);
        assertEquals(0, result.exitCode(), result.getErrorOutput());
        return archive;
    }

    /** Keys of this test plus any staging key a restore left behind. */
    private static long written() {
        return RedisState.count(redis.session(), MATCH) + RedisState.count(redis.session(), STAGING);
    }

    private static void flush() {
        RedisState.delete(redis.session(), MATCH);
    }

    @Test
    void backupFlushRestoreGivesBackEveryKeyWithTypeValueAndTtl(QuarkusMainLauncher launcher) throws IOException {
        RedisState before = RedisState.read(redis.session(), MATCH);
        assertEquals(NAMESPACES.length * 8 + 1, before.values().size());

        Path archive = goodArchive(launcher);
        JsonNode manifest = json.readTree(ArchiveFiles.read(archive).get(BackupArchive.MANIFEST));
        assertEquals(before.values().size(), manifest.path("key_count").asLong());
        for (String ns : NAMESPACES) {
            assertEquals(8, manifest.path("namespaces").path(ns).asLong(), ns);
        }
        assertEquals(NAMESPACES.length, manifest.path("types").path("stream").asLong());

        flush();
        LaunchResult result = restore(launcher, archive);

        assertEquals(0, result.exitCode(), result.getErrorOutput());
        RedisState after = RedisState.read(redis.session(), MATCH);
        assertEquals(before.values(), after.values());
        for (Map.Entry<String, Long> ttl : before.ttls().entrySet()) {
            long restored = after.ttls().get(ttl.getKey());
            if (ttl.getValue() == -1) {
                assertEquals(-1, restored, ttl.getKey());
            } else {
                assertTrue(restored > 0 && Math.abs(restored - ttl.getValue()) < TTL_TOLERANCE_MILLIS,
                        ttl.getKey() + ": " + ttl.getValue() + " before, " + restored + " after");
            }
        }
    }

    @Test
    void aFlippedByteIsRefusedAndNothingIsWritten(QuarkusMainLauncher launcher) throws IOException {
        Path archive = goodArchive(launcher);
        byte[] bytes = Files.readAllBytes(archive);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(archive, bytes);

        assertRefusedWithNothingWritten(launcher, archive, "refusing corrupt archive");
    }

    @Test
    void aMissingEntryIsRefusedAndNothingIsWritten(QuarkusMainLauncher launcher) throws IOException {
        Path archive = goodArchive(launcher);
        Map<String, byte[]> entries = ArchiveFiles.read(archive);
        entries.remove(BackupArchive.MANIFEST_CHECKSUM);
        ArchiveFiles.write(archive, entries);

        assertRefusedWithNothingWritten(launcher, archive, "entry manifest.json.sha256 is missing");
    }

    @Test
    void aKeyListThatDoesNotMatchItsChecksumIsRefused(QuarkusMainLauncher launcher) throws IOException {
        Path archive = goodArchive(launcher);
        Map<String, byte[]> entries = ArchiveFiles.read(archive);
        String keys = new String(entries.get(BackupArchive.KEYS), StandardCharsets.UTF_8);
        entries.put(BackupArchive.KEYS, keys.replace("\"pttl\":-1", "\"pttl\":5").getBytes(StandardCharsets.UTF_8));
        ArchiveFiles.write(archive, entries);

        assertRefusedWithNothingWritten(launcher, archive, "keys.jsonl does not match its SHA-256");
    }

    @Test
    void aDroppedKeyIsRefusedEvenWithRecomputedChecksums(QuarkusMainLauncher launcher) throws IOException {
        Path archive = goodArchive(launcher);
        Map<String, byte[]> entries = ArchiveFiles.read(archive);
        String keys = new String(entries.get(BackupArchive.KEYS), StandardCharsets.UTF_8);
        resealed(entries, keys.substring(keys.indexOf('\n') + 1));
        ArchiveFiles.write(archive, entries);

        assertRefusedWithNothingWritten(launcher, archive, "but the manifest counts");
    }

    @Test
    void aPayloadRedisRejectsRollsBackWhatWasStaged(QuarkusMainLauncher launcher) throws IOException {
        Path archive = goodArchive(launcher);
        Map<String, byte[]> entries = ArchiveFiles.read(archive);
        List<String> lines = new ArrayList<>(new String(entries.get(BackupArchive.KEYS), StandardCharsets.UTF_8)
                .lines().toList());
        // the last key's DUMP payload is damaged (its RDB checksum fails) after all others were staged
        ObjectNode last = (ObjectNode) json.readTree(lines.get(lines.size() - 1));
        byte[] dump = Base64.getDecoder().decode(last.get("dump").asText());
        dump[0] ^= 0x7f;
        last.put("dump", Base64.getEncoder().encodeToString(dump));
        lines.set(lines.size() - 1, json.writeValueAsString(last));
        resealed(entries, String.join("\n", lines) + "\n");
        ArchiveFiles.write(archive, entries);

        assertRefusedWithNothingWritten(launcher, archive, "restore failed while staging");
    }

    @Test
    void existingKeysRefuseTheRestoreUnlessForced(QuarkusMainLauncher launcher) {
        Path archive = goodArchive(launcher);
        redis.session().send(SET, "config:{" + TAG + "-config}:string", "changed after the backup");

        LaunchResult refused = restore(launcher, archive);

        assertEquals(1, refused.exitCode());
        assertTrue(refused.getErrorOutput().contains("already exist"), refused.getErrorOutput());
        assertEquals("changed after the backup", redis.session().send(GET, "config:{" + TAG + "-config}:string").toString());

        LaunchResult forced = restore(launcher, archive, "--force");

        assertEquals(0, forced.exitCode(), forced.getErrorOutput());
        assertEquals("value of config ünïcode", redis.session().send(GET, "config:{" + TAG + "-config}:string").toString());
    }

    @Test
    void dryRunVerifiesAndWritesNothing(QuarkusMainLauncher launcher) {
        Path archive = goodArchive(launcher);
        flush();

        LaunchResult result = restore(launcher, archive, "--dry-run");

        assertEquals(0, result.exitCode(), result.getErrorOutput());
        assertTrue(result.getOutput().contains("dry run: would write " + (NAMESPACES.length * 8 + 1) + " keys"),
                result.getOutput());
        assertEquals(0, written());
    }

    private void assertRefusedWithNothingWritten(QuarkusMainLauncher launcher, Path archive, String reason) {
        flush();

        LaunchResult result = restore(launcher, archive);

        assertEquals(1, result.exitCode(), result.getOutput());
        List<String> errorLines = result.getErrorOutput().lines().filter(line -> line.startsWith("corectl:")).toList();
        assertEquals(1, errorLines.size(), result.getErrorOutput());
        assertTrue(errorLines.get(0).contains(reason), errorLines.get(0));
        assertEquals(0, written(), "keys were written by a refused restore");
    }

    /** Replaces keys.jsonl and recomputes both checksums, as a careful forger would. */
    private void resealed(Map<String, byte[]> entries, String keys) throws IOException {
        byte[] keyBytes = keys.getBytes(StandardCharsets.UTF_8);
        ObjectNode manifest = (ObjectNode) json.readTree(entries.get(BackupArchive.MANIFEST));
        ObjectNode entry = (ObjectNode) manifest.path("entries").path(BackupArchive.KEYS);
        entry.put("sha256", sha256(keyBytes));
        entry.put("bytes", keyBytes.length);
        byte[] manifestBytes = json.writeValueAsBytes(manifest);
        entries.put(BackupArchive.MANIFEST, manifestBytes);
        entries.put(BackupArchive.MANIFEST_CHECKSUM, (sha256(manifestBytes) + "  manifest.json\n")
                .getBytes(StandardCharsets.US_ASCII));
        entries.put(BackupArchive.KEYS, keyBytes);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

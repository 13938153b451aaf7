package io.tenancycore.deploytests.kustomize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * k8s/base's Redis run for real (LocalRedis): no start without the Secret's password, the password only as a hash on
 * disk, no access without it, no admin or wiping commands, a full memory refusing writes instead of evicting keys,
 * the append-only file written, probes that tell ready from down.
 */
class RedisStartScriptTest {

    static final String PASSWORD = "s3cret-for-this-test-only";

    @TempDir
    static Path dir;
    static LocalRedis redis;

    @BeforeAll
    static void startRedisFromTheManifest() throws Exception {
        redis = new LocalRedis("base", dir);
        redis.startReady(PASSWORD, "3mb");
    }

    @AfterAll
    static void stopRedis() throws InterruptedException {
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void withoutThePasswordRedisDoesNotStart() throws Exception {
        Process process = redis.start(Map.of("REDIS_MAXMEMORY", "3mb"), "no-password.log");
        assertTrue(process.waitFor(10, TimeUnit.SECONDS));
        assertNotEquals(0, process.exitValue());
        assertTrue(redis.log("no-password.log").contains("redis-auth Secret"), redis.log("no-password.log"));
    }

    @Test
    void thePasswordIsOnDiskOnlyAsAHash() throws Exception {
        Path acl = dir.resolve("run/users.acl");
        String text = Files.readString(acl);
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(PASSWORD.getBytes(StandardCharsets.UTF_8)));
        assertTrue(text.contains("#" + hash), text);
        assertFalse(text.contains(PASSWORD));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(acl)));
        assertFalse(redis.log().contains(PASSWORD), "the password is in Redis' log");
    }

    @Test
    void nothingWithoutThePassword() throws Exception {
        assertTrue(redis.cli(null, "get", "k").contains("NOAUTH"), redis.cli(null, "get", "k"));
        assertTrue(redis.cli("wrong-password", "get", "k").contains("WRONGPASS"));
    }

    @Test
    void theServicesMayNeitherAdministerNorWipeTheStore() throws Exception {
        assertEquals("OK", redis.cli(PASSWORD, "set", "config-service:{acme}:x", "1"));
        for (List<String> command : List.of(List.of("flushall"), List.of("flushdb"), List.of("config", "get",
                "maxmemory-policy"), List.of("shutdown"), List.of("debug", "sleep", "0"), List.of("acl", "list"))) {
            String reply = redis.cli(PASSWORD, command.toArray(String[]::new));
            // DEBUG is also off by Redis' own default (enable-debug-command no)
            assertTrue(reply.contains("NOPERM") || reply.startsWith("ERR DEBUG command not allowed"),
                    command + " answered " + reply);
        }
        assertEquals("1", redis.cli(PASSWORD, "get", "config-service:{acme}:x"));
    }

    @Test
    void aFullMemoryRefusesWritesAndEvictsNothing() throws Exception {
        String value = "v".repeat(100 * 1024);
        String refused = null;
        int written = 0;
        for (; written < 200 && refused == null; written++) {
            String reply = redis.cli(PASSWORD, "set", "fill:{t}:" + written, value);
            if (!"OK".equals(reply)) {
                refused = reply;
            }
        }
        assertTrue(refused != null && refused.contains("OOM"), "no OOM refusal after " + written + " writes: "
                + refused);
        assertEquals(value.length() + "", redis.cli(PASSWORD, "strlen", "fill:{t}:0"), "the first key was evicted");
        assertEquals("0", redis.cli(PASSWORD, "info", "stats").lines().filter(l -> l.startsWith("evicted_keys:"))
                .map(l -> l.substring("evicted_keys:".length()).strip()).findFirst().orElse("?"));
        List<String> del = new ArrayList<>(List.of("del"));
        for (int i = 0; i < written; i++) {
            del.add("fill:{t}:" + i);
        }
        redis.cli(PASSWORD, del.toArray(String[]::new));
    }

    @Test
    void writesGoToTheAppendOnlyFile() throws Exception {
        assertEquals("OK", redis.cli(PASSWORD, "set", "aof:{t}:probe", "kept"));
        Path aofDir = dir.resolve("data/appendonlydir");
        assertTrue(Files.isDirectory(aofDir), "no appendonlydir in " + dir.resolve("data"));
        boolean found = false;
        for (int i = 0; i < 30 && !found; i++) {
            try (var files = Files.list(aofDir)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    found |= file.toString().endsWith(".incr.aof") && Files.readString(file,
                            StandardCharsets.ISO_8859_1).contains("aof:{t}:probe");
                }
            }
            Thread.sleep(100);
        }
        assertTrue(found, "the write is not in the AOF");
    }

    @Test
    void theProbesNeedThePasswordAndARunningRedis(@TempDir Path elsewhere) throws Exception {
        assertEquals(0, redis.probe("live", PASSWORD));
        assertNotEquals(0, redis.probe("ready", "wrong-password"), "a probe without the right password passed");
        try (LocalRedis stopped = new LocalRedis("base", elsewhere)) {
            assertNotEquals(0, stopped.probe("ready", PASSWORD), "ready with no Redis running");
            assertNotEquals(0, stopped.probe("live", PASSWORD), "live with no Redis running");
        }
    }
}

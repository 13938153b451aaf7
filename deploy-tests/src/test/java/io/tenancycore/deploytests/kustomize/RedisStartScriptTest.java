package io.tenancycore.deploytests.kustomize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
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
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rendered Redis ConfigMap run for real: start.sh, redis.conf and ping.sh of k8s/base started with the local
 * redis-server (Debian package; CI installs it), with only the absolute paths moved into a temporary folder and the
 * port to a free loopback one. Shows what the manifest promises: no start without the Secret's password, the password
 * only as a hash on disk, no access without it, no admin or wiping commands, a full memory refusing writes instead of
 * evicting keys, the append-only file written, and probes that tell ready from down.
 */
class RedisStartScriptTest {

    static final String PASSWORD = "s3cret-for-this-test-only";

    @TempDir
    static Path dir;
    static int port;
    static Process redis;

    @BeforeAll
    static void startRedisFromTheManifest() throws Exception {
        boolean installed = Files.isExecutable(Path.of("/usr/bin/redis-server"))
                && Files.isExecutable(Path.of("/usr/bin/redis-cli"));
        if (!installed && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("redis-server and redis-cli are missing; .ci/run installs redis-server");
        }
        Assumptions.assumeTrue(installed, "no redis-server installed");
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        JsonNode data = Overlays.render("base").get("ConfigMap", "redis").path("data");
        for (String sub : List.of("etc", "run", "data")) {
            Files.createDirectories(dir.resolve(sub));
        }
        data.properties().forEach(file -> {
            try {
                Files.writeString(dir.resolve("etc").resolve(file.getKey()), relocate(file.getValue().asText()));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        redis = start(Map.of("REDIS_PASSWORD", PASSWORD, "REDIS_MAXMEMORY", "3mb"));
        for (int i = 0; i < 100 && ping("ready") != 0; i++) {
            Thread.sleep(100);
        }
        assertEquals(0, ping("ready"), "Redis did not become ready: " + log());
    }

    @AfterAll
    static void stopRedis() throws InterruptedException {
        if (redis != null) {
            redis.destroy();
            redis.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** The rendered files with their absolute paths in the temporary folder and the port on loopback. */
    static String relocate(String text) {
        return text.replace("/etc/redis", dir.resolve("etc").toString())
                .replace("/run/redis", dir.resolve("run").toString())
                .replace("dir /data", "dir " + dir.resolve("data"))
                .replace("bind * -::*", "bind 127.0.0.1")
                .replace("port 6379", "port " + port)
                .replace("-p 6379", "-p " + port);
    }

    static Process start(Map<String, String> env) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("sh", dir.resolve("etc/start.sh").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("REDIS"));
        builder.environment().putAll(env);
        return builder.start();
    }

    @Test
    void withoutThePasswordRedisDoesNotStart() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("sh", dir.resolve("etc/start.sh").toString())
                .redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("REDIS"));
        builder.environment().put("REDIS_MAXMEMORY", "3mb");
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(10, TimeUnit.SECONDS));
        assertNotEquals(0, process.exitValue());
        assertTrue(out.contains("redis-auth Secret"), out);
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
        assertFalse(log().contains(PASSWORD), "the password is in Redis' log");
    }

    @Test
    void nothingWithoutThePassword() throws Exception {
        assertTrue(cli(null, "get", "k").contains("NOAUTH"), cli(null, "get", "k"));
        assertTrue(cli("wrong-password", "get", "k").contains("WRONGPASS"));
    }

    @Test
    void theServicesMayNeitherAdministerNorWipeTheStore() throws Exception {
        assertEquals("OK", cli(PASSWORD, "set", "config-service:{acme}:x", "1"));
        for (List<String> command : List.of(List.of("flushall"), List.of("flushdb"), List.of("config", "get",
                "maxmemory-policy"), List.of("shutdown"), List.of("debug", "sleep", "0"), List.of("acl", "list"))) {
            String reply = cli(PASSWORD, command.toArray(String[]::new));
            // DEBUG is also off by Redis' own default (enable-debug-command no)
            assertTrue(reply.contains("NOPERM") || reply.startsWith("ERR DEBUG command not allowed"),
                    command + " answered " + reply);
        }
        assertEquals("1", cli(PASSWORD, "get", "config-service:{acme}:x"));
    }

    @Test
    void aFullMemoryRefusesWritesAndEvictsNothing() throws Exception {
        String value = "v".repeat(100 * 1024);
        String refused = null;
        int written = 0;
        for (; written < 200 && refused == null; written++) {
            String reply = cli(PASSWORD, "set", "fill:{t}:" + written, value);
            if (!"OK".equals(reply)) {
                refused = reply;
            }
        }
        assertTrue(refused != null && refused.contains("OOM"), "no OOM refusal after " + written + " writes: "
                + refused);
        assertEquals(value.length() + "", cli(PASSWORD, "strlen", "fill:{t}:0"), "the first key was evicted");
        assertEquals("0", cli(PASSWORD, "info", "stats").lines().filter(l -> l.startsWith("evicted_keys:"))
                .map(l -> l.substring("evicted_keys:".length()).strip()).findFirst().orElse("?"));
        List<String> del = new ArrayList<>(List.of("del"));
        for (int i = 0; i < written; i++) {
            del.add("fill:{t}:" + i);
        }
        cli(PASSWORD, del.toArray(String[]::new));
    }

    @Test
    void writesGoToTheAppendOnlyFile() throws Exception {
        assertEquals("OK", cli(PASSWORD, "set", "aof:{t}:probe", "kept"));
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
    void theProbesFailWhenNothingAnswers() throws Exception {
        int saved = port;
        try {
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            Path probe = dir.resolve("etc/ping-elsewhere.sh");
            String original = Files.readString(dir.resolve("etc/ping.sh"));
            Files.writeString(probe, original.replace("-p " + saved, "-p " + port));
            assertNotEquals(0, run(List.of("sh", probe.toString(), "ready"), PASSWORD));
            assertNotEquals(0, run(List.of("sh", probe.toString(), "live"), PASSWORD));
        } finally {
            port = saved;
        }
        assertEquals(0, ping("live"));
        assertNotEquals(0, run(List.of("sh", dir.resolve("etc/ping.sh").toString(), "ready"), "wrong-password"),
                "a probe without the right password must not pass");
    }

    static int ping(String mode) throws Exception {
        return run(List.of("sh", dir.resolve("etc/ping.sh").toString(), mode), PASSWORD);
    }

    static int run(List<String> command, String password) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("REDISCLI_AUTH", password);
        builder.environment().remove("REDIS_CLI_TLS_ARGS");
        Process process = builder.start();
        assertTrue(process.waitFor(10, TimeUnit.SECONDS), command.toString());
        return process.exitValue();
    }

    static String cli(String password, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p", String.valueOf(port)));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("REDISCLI_AUTH");
        if (password != null) {
            builder.environment().put("REDISCLI_AUTH", password);
        }
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(process.waitFor(10, TimeUnit.SECONDS));
        return out;
    }

    static String log() throws IOException {
        Path log = dir.resolve("redis.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }
}

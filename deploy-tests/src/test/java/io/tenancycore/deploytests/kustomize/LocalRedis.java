package io.tenancycore.deploytests.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import io.tenancycore.deploytests.chart.Rendered;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * An overlay's Redis ConfigMap (start.sh, redis.conf, tls.conf, ping.sh) run with the local redis-server (Debian
 * package; CI installs it). Only what cannot be the same outside a pod changes: the absolute paths move into a
 * temporary folder, Redis binds to loopback on a free port.
 */
final class LocalRedis implements AutoCloseable {

    private final Path dir;
    private final int port;
    private final String tlsArgs;
    private Process process;

    LocalRedis(String environment, Path dir) {
        requireRedis();
        this.dir = dir;
        this.port = freePort();
        Rendered rendered = Overlays.render(environment);
        JsonNode container = Rendered.container(rendered.get("StatefulSet", "redis"));
        this.tlsArgs = relocate(RedisChecks.envValue(container, "REDIS_CLI_TLS_ARGS"));
        try {
            for (String sub : List.of("etc", "run", "data", "tls")) {
                Files.createDirectories(dir.resolve(sub));
            }
            for (var file : rendered.get("ConfigMap", "redis").path("data").properties()) {
                Files.writeString(dir.resolve("etc").resolve(file.getKey()), relocate(file.getValue().asText()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void requireRedis() {
        boolean installed = Files.isExecutable(Path.of("/usr/bin/redis-server"))
                && Files.isExecutable(Path.of("/usr/bin/redis-cli"));
        if (!installed && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("redis-server and redis-cli are missing; .ci/run installs redis-server");
        }
        Assumptions.assumeTrue(installed, "no redis-server installed");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String relocate(String text) {
        return text.replace("/etc/redis-tls", dir.resolve("tls").toString())
                .replace("/etc/redis", dir.resolve("etc").toString())
                .replace("/run/redis", dir.resolve("run").toString())
                .replace("dir /data", "dir " + dir.resolve("data"))
                .replace("bind * -::*", "bind 127.0.0.1")
                .replace("port 6379", "port " + port)
                .replace("-p 6379", "-p " + port);
    }

    Path dir() {
        return dir;
    }

    /** start.sh with exactly these variables (none of the test's own named REDIS*), its output into logFile. */
    Process start(Map<String, String> env, String logFile) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("sh", dir.resolve("etc/start.sh").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve(logFile).toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("REDIS"));
        builder.environment().putAll(env);
        return builder.start();
    }

    /** Starts Redis with the password and maxmemory and waits until the readiness probe passes. */
    void startReady(String password, String maxmemory) throws Exception {
        process = start(Map.of("REDIS_PASSWORD", password, "REDIS_MAXMEMORY", maxmemory), "redis.log");
        for (int i = 0; i < 100 && probe("ready", password) != 0; i++) {
            Thread.sleep(100);
        }
        if (probe("ready", password) != 0) {
            throw new IllegalStateException("Redis did not become ready: " + log());
        }
    }

    /** ping.sh as the kubelet runs it: REDISCLI_AUTH and REDIS_CLI_TLS_ARGS from the container's environment. */
    int probe(String mode, String password) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("sh", dir.resolve("etc/ping.sh").toString(), mode)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("REDISCLI_AUTH", password);
        builder.environment().put("REDIS_CLI_TLS_ARGS", tlsArgs);
        Process probe = builder.start();
        if (!probe.waitFor(10, TimeUnit.SECONDS)) {
            probe.destroyForcibly();
            return -1;
        }
        return probe.exitValue();
    }

    /** redis-cli over TLS when the overlay serves TLS; password null = no AUTH. */
    String cli(String password, String... args) throws Exception {
        return cli(true, password, args);
    }

    String cli(boolean withTls, String password, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p", String.valueOf(port)));
        if (withTls && !tlsArgs.isBlank()) {
            command.addAll(Arrays.asList(tlsArgs.trim().split("\\s+")));
        }
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("REDISCLI_AUTH");
        if (password != null) {
            builder.environment().put("REDISCLI_AUTH", password);
        }
        Process cli = builder.start();
        String out = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!cli.waitFor(10, TimeUnit.SECONDS)) {
            cli.destroyForcibly();
        }
        return out;
    }

    String log() throws IOException {
        return log("redis.log");
    }

    String log(String file) throws IOException {
        Path log = dir.resolve(file);
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}

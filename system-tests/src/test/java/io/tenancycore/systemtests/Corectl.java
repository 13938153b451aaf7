package io.tenancycore.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code ./corectl} (the launcher an operator runs) against the running suite: services' URLs from the same
 * properties as every system test, Kafka from {@code -Dkafka.bootstrap.servers}, Redis from
 * {@code -Dtenancy.redis.url} or {@code QUARKUS_REDIS_HOSTS} (which {@code ./suite test} exports), the platform-admin
 * secret from the suite's secrets folder ({@code -Dtenancy.secrets.dir}).
 */
final class Corectl {

    private static final long TIMEOUT_SECONDS = 180;

    record Result(int exitCode, String out, String err) {
    }

    private Corectl() {
    }

    static Path launcher() {
        String script = System.getProperty("tenancy.suite.script");
        Path root = script != null ? Path.of(script).toAbsolutePath().getParent() : Path.of("..").toAbsolutePath();
        return root.resolve("corectl").normalize();
    }

    static String redisUrl() {
        String env = System.getenv("QUARKUS_REDIS_HOSTS");
        return System.getProperty("tenancy.redis.url", env != null ? env : "redis://localhost:6379");
    }

    static String kafka() {
        return System.getProperty("kafka.bootstrap.servers", "localhost:9092");
    }

    /** The options naming every service's API and management URL. */
    static List<String> serviceOptions() {
        List<String> options = new ArrayList<>();
        for (SuiteService service : SuiteService.all()) {
            options.addAll(List.of("--" + service.name() + "-url", service.baseUrl(),
                    "--" + service.name() + "-management-url", service.managementUrl()));
        }
        return options;
    }

    static Path adminSecretFile() {
        return Path.of(System.getProperty("tenancy.secrets.dir", ".data/secrets"), "TENANCY_ADMIN_SECRET");
    }

    static Result run(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(launcher().toString());
        command.addAll(args);
        try {
            Path out = Files.createTempFile("corectl", ".out");
            Path err = Files.createTempFile("corectl", ".err");
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("corectl " + args.get(0) + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            Result result = new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            Files.delete(out);
            Files.delete(err);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}

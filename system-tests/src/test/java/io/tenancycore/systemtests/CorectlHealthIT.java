package io.tenancycore.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The operator's view of the running suite: {@code ./corectl health --json} (the launcher, as an operator runs it)
 * exits 0 and reports all six services, Kafka and Redis UP. Services' management URLs and Kafka come from the same
 * properties as every system test; Redis from {@code -Dtenancy.redis.url} or {@code QUARKUS_REDIS_HOSTS}, which
 * {@code ./suite test} exports.
 */
class CorectlHealthIT {

    private static final long TIMEOUT_SECONDS = 180;

    private static Path launcher() {
        String script = System.getProperty("tenancy.suite.script");
        Path root = script != null ? Path.of(script).toAbsolutePath().getParent() : Path.of("..").toAbsolutePath();
        return root.resolve("corectl").normalize();
    }

    private static String redisUrl() {
        String env = System.getenv("QUARKUS_REDIS_HOSTS");
        return System.getProperty("tenancy.redis.url", env != null ? env : "redis://localhost:6379");
    }

    @Test
    void corectlHealthReportsEverythingUp() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(launcher().toString(), "health", "--json", "--detailed",
                "--kafka-bootstrap-servers", System.getProperty("kafka.bootstrap.servers", "localhost:9092"),
                "--redis-url", redisUrl()));
        for (SuiteService service : SuiteService.all()) {
            command.add("--" + service.name() + "-management-url");
            command.add(service.managementUrl());
        }
        Path stdout = Files.createTempFile("corectl-health", ".json");
        Path stderr = Files.createTempFile("corectl-health", ".err");
        Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
                .start();
        assertTrue(process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS), "corectl health did not finish");
        String output = Files.readString(stdout, StandardCharsets.UTF_8);
        String errors = Files.readString(stderr, StandardCharsets.UTF_8);

        assertEquals(0, process.exitValue(), output + errors);
        JsonNode report = new ObjectMapper().readTree(output);
        assertEquals("UP", report.path("status").asText(), output);
        Set<String> up = new TreeSet<>();
        for (JsonNode component : report.path("components")) {
            assertEquals("UP", component.path("status").asText(), component.toString());
            assertTrue(component.path("latency_ms").asLong() >= 0, component.toString());
            up.add(component.path("name").asText());
        }
        Set<String> expected = new TreeSet<>(List.of("kafka", "redis"));
        SuiteService.all().forEach(service -> expected.add(service.name()));
        assertEquals(expected, up);
        for (JsonNode component : report.path("components")) {
            if (!Set.of("kafka", "redis").contains(component.path("name").asText())) {
                assertTrue(component.path("checks").size() > 0, "--detailed lists each service's checks: " + component);
            }
        }
    }
}

package io.tenancycore.admincli.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import io.tenancycore.admincli.support.Infra;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code corectl health} against the real Kafka and Redis, with a local HTTP server playing the six services'
 * management interfaces (healthy under /up, failing under /down).
 */
@QuarkusMainTest
class HealthIT {

    private static final String[] SERVICES = {"event-gateway", "config-service", "security-service", "alert-service",
        "template-service", "workflow-service"};

    private static HttpServer server;
    private static String base;
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void startFakeServices() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        respond("/up/q/health", 200, "{\"status\":\"UP\",\"checks\":[{\"name\":\"Redis connection health check\","
                + "\"status\":\"UP\"}]}");
        respond("/up/q/openapi", 200, "{\"openapi\":\"3.1.0\",\"info\":{\"version\":\"9.9.9\"}}");
        respond("/down/q/health", 503, "{\"status\":\"DOWN\",\"checks\":[{\"name\":\"Redis connection health check\","
                + "\"status\":\"DOWN\"}]}");
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterAll
    static void stopFakeServices() {
        server.stop(0);
    }

    private static void respond(String path, int status, String body) {
        server.createContext(path, exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
    }

    /** health arguments: service i's management URL is {@code managementUrls[i]} (the last one repeats). */
    private static List<String> args(String redisUrl, String... managementUrls) {
        List<String> args = new ArrayList<>(List.of("health", "--timeout", "3", "--redis-url", redisUrl,
                "--kafka-bootstrap-servers", Infra.kafkaBootstrapServers()));
        for (int i = 0; i < SERVICES.length; i++) {
            args.add("--" + SERVICES[i] + "-management-url");
            args.add(managementUrls[Math.min(i, managementUrls.length - 1)]);
        }
        return args;
    }

    private static LaunchResult launch(QuarkusMainLauncher launcher, List<String> args, String... extra) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of(extra));
        return launcher.launch(all.toArray(String[]::new));
    }

    @Test
    void exitsZeroAndReportsEveryComponentUp(QuarkusMainLauncher launcher) throws IOException {
        LaunchResult result = launch(launcher, args(Infra.redisUrl(), base + "/up"), "--json");

        assertEquals(0, result.exitCode(), result.getOutput() + result.getErrorOutput());
        JsonNode report = json.readTree(result.getOutput());
        assertEquals("UP", report.path("status").asText());
        assertEquals(8, report.path("components").size());
        for (JsonNode component : report.path("components")) {
            assertEquals("UP", component.path("status").asText(), component.toString());
        }
    }

    @Test
    void detailedShowsChecksLatencyAndVersions(QuarkusMainLauncher launcher) {
        LaunchResult result = launch(launcher, args(Infra.redisUrl(), base + "/up"), "--detailed");

        assertEquals(0, result.exitCode(), result.getOutput());
        String out = result.getOutput();
        assertTrue(out.matches("(?s).*config-service\\s+UP\\s+\\d+ ms\\s+9\\.9\\.9.*"), out);
        assertTrue(out.contains("UP       Redis connection health check"), out);
        assertTrue(out.matches("(?s).*redis\\s+UP\\s+\\d+ ms\\s+redis \\d+\\.\\d+.*"), out);
        assertTrue(out.matches("(?s).*kafka\\s+UP\\s+\\d+ ms\\s+metadata\\.version \\d+.*"), out);
        assertTrue(out.contains("8 of 8 components UP"), out);
    }

    @Test
    void exitsOneWhenAServicePortIsClosed(QuarkusMainLauncher launcher) throws IOException {
        String closed = "http://127.0.0.1:" + Infra.closedPort();
        LaunchResult result = launch(launcher, args(Infra.redisUrl(), closed, base + "/up"), "--json");

        assertEquals(1, result.exitCode(), result.getOutput());
        JsonNode report = json.readTree(result.getOutput());
        assertEquals("DOWN", report.path("status").asText());
        assertEquals("UNREACHABLE", component(report, "event-gateway").path("status").asText());
        assertEquals("UP", component(report, "config-service").path("status").asText());
    }

    @Test
    void exitsOneAndNamesAServiceThatAnswers503(QuarkusMainLauncher launcher) {
        LaunchResult result = launch(launcher, args(Infra.redisUrl(), base + "/up", base + "/up", base + "/down",
                base + "/up"));

        assertEquals(1, result.exitCode(), result.getOutput());
        assertTrue(result.getOutput().matches("(?s).*security-service\\s+DOWN.*HTTP 503.*"), result.getOutput());
        assertTrue(result.getOutput().contains("7 of 8 components UP"), result.getOutput());
    }

    @Test
    void exitsOneWhenRedisIsDown(QuarkusMainLauncher launcher) throws IOException {
        LaunchResult result = launch(launcher, args("redis://127.0.0.1:" + Infra.closedPort(), base + "/up"), "--json");

        assertEquals(1, result.exitCode(), result.getOutput());
        JsonNode report = json.readTree(result.getOutput());
        assertEquals("UNREACHABLE", component(report, "redis").path("status").asText());
        assertEquals("UP", component(report, "kafka").path("status").asText());
    }

    @Test
    void exitsOneWhenKafkaIsDown(QuarkusMainLauncher launcher) throws IOException {
        List<String> args = args(Infra.redisUrl(), base + "/up");
        args.set(args.indexOf("--kafka-bootstrap-servers") + 1, "127.0.0.1:" + Infra.closedPort());
        LaunchResult result = launch(launcher, args, "--json");

        assertEquals(1, result.exitCode(), result.getOutput());
        assertEquals("UNREACHABLE", component(json.readTree(result.getOutput()), "kafka").path("status").asText());
    }

    private static JsonNode component(JsonNode report, String name) {
        for (JsonNode component : report.path("components")) {
            if (name.equals(component.path("name").asText())) {
                return component;
            }
        }
        throw new AssertionError("no component " + name + " in " + report);
    }
}

package io.tenancycore.admincli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** corectl against a tiny local HTTP server that plays healthy and unhealthy services. */
@QuarkusMainTest
class CorectlTest {

    private static final String[] SERVICE_OPTIONS = {"--gateway", "--config-service", "--security-service",
        "--alert-service", "--template-service", "--workflow-service"};

    private static HttpServer server;
    private static String base;

    @BeforeAll
    static void startFakeServices() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        respond("/up/q/health", 200, "{\"status\":\"UP\",\"checks\":[]}");
        respond("/down/q/health", 503, "{\"status\":\"DOWN\",\"checks\":[{\"name\":\"Redis\",\"status\":\"DOWN\"}]}");
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

    /** status arguments pointing every service at {@code urls[i]}, or at the first URL when fewer are given. */
    private static String[] statusArgs(String... urls) {
        List<String> args = new ArrayList<>(List.of("status", "--timeout", "2"));
        for (int i = 0; i < SERVICE_OPTIONS.length; i++) {
            args.add(SERVICE_OPTIONS[i]);
            args.add(urls[Math.min(i, urls.length - 1)]);
        }
        return args.toArray(String[]::new);
    }

    @Test
    void statusExitsZeroWhenEveryServiceIsUp(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch(statusArgs(base + "/up"));

        assertEquals(0, result.exitCode(), result.getOutput());
        assertTrue(result.getOutput().contains("6 of 6 services UP"), result.getOutput());
    }

    @Test
    void statusExitsOneAndNamesTheServiceThatIsDown(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch(statusArgs(base + "/up", base + "/up", base + "/down", base + "/up"));

        assertEquals(1, result.exitCode(), result.getOutput());
        assertTrue(result.getOutput().matches("(?s).*security-service\\s+DOWN.*HTTP 503.*"), result.getOutput());
        assertTrue(result.getOutput().contains("5 of 6 services UP"), result.getOutput());
    }

    @Test
    void statusExitsOneWhenAServiceIsUnreachable(QuarkusMainLauncher launcher) throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        LaunchResult result = launcher.launch(statusArgs("http://127.0.0.1:" + closedPort, base + "/up"));

        assertEquals(1, result.exitCode(), result.getOutput());
        assertTrue(result.getOutput().matches("(?s).*event-gateway\\s+UNREACHABLE.*"), result.getOutput());
    }

    @Test
    void unknownOptionIsAUsageError(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("status", "--no-such-option");

        assertEquals(2, result.exitCode());
        assertTrue(result.getErrorOutput().contains("Unknown option: '--no-such-option'"), result.getErrorOutput());
    }

    @Test
    void versionPrintsTheBuildVersion(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("version");

        assertEquals(0, result.exitCode());
        assertTrue(result.getOutput().matches("(?s)(.*\\n)?corectl 0\\.1\\.0-SNAPSHOT \\(Java .*"), result.getOutput());
    }
}

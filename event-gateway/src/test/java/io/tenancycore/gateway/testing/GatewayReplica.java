package io.tenancycore.gateway.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A second gateway replica: the packaged application ({@code target/quarkus-app}, built before failsafe runs) in its
 * own JVM, on the same Redis, Kafka and {@link FakeServices} as the {@code @QuarkusTest} replica.
 */
public final class GatewayReplica implements AutoCloseable {

    private final Process process;
    private final int port;

    private GatewayReplica(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    /** Started with the running test application's upstreams; the caller closes it. */
    public static GatewayReplica start(String name) {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run the ITs through failsafe (mvn verify -Pit)");
        }
        var config = ConfigProvider.getConfig();
        int port = freePort();
        int managementPort = freePort();
        try {
            Path publicKey = Files.createTempFile("jwt-public", ".pem");
            try (InputStream in = GatewayReplica.class.getClassLoader()
                    .getResourceAsStream("testing/jwt-public.pem")) {
                Files.copy(in, publicKey, StandardCopyOption.REPLACE_EXISTING);
            }
            Path log = Path.of("target", "gateway-replica-" + name + ".log");
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                    "-Dquarkus.http.port=" + port,
                    "-Dquarkus.management.port=" + managementPort,
                    "-Dtenancy.instance-id=" + name,
                    "-Dtenancy.environment=dev",
                    "-Dmp.jwt.verify.publickey.location=" + publicKey.toAbsolutePath(),
                    "-Dmp.jwt.verify.issuer=https://test.tenancycore.io",
                    "-Dquarkus.redis.hosts=" + System.getProperty("redis.url", "redis://localhost:6379"),
                    "-Dkafka.bootstrap.servers=" + System.getProperty("kafka.bootstrap.servers", "localhost:9092"),
                    "-Dtenancy.tenant-status.source=registry",
                    "-Dquarkus.oidc-client.credentials.client-secret.value=test-secret"));
            for (String service : List.of("config-service", "security-service", "template-service",
                    "workflow-service", "alert-service")) {
                String key = "quarkus.rest-client." + service + ".url";
                command.add("-D" + key + "=" + config.getValue(key, String.class));
            }
            command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .start();
            GatewayReplica replica = new GatewayReplica(process, port);
            HttpClient http = HttpClient.newHttpClient();
            Awaitility.await("gateway replica " + name + " ready").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(250)).until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("gateway replica exited; see " + log);
                        }
                        try {
                            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort
                                    + "/q/health/live")).build(), HttpResponse.BodyHandlers.discarding())
                                    .statusCode() == 200;
                        } catch (IOException e) {
                            return false;
                        }
                    });
            return replica;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start gateway replica " + name, e);
        }
    }

    /**
     * Stops the replica and waits until it is gone: a graceful stop leaves the dispatcher's consumer groups at once,
     * where a replica still shutting down would hold its partitions until the broker's session timeout.
     */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

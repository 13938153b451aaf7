package io.tenancycore.config.testing;

import java.io.IOException;
import java.io.InputStream;
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

/**
 * A second config-service replica: the packaged application ({@code target/quarkus-app}, built before failsafe
 * runs) in its own JVM with its own instance id, on the same Redis and Kafka as the {@code @QuarkusTest} replica.
 */
public final class Replica implements AutoCloseable {

    private static Replica shared;
    private final Process process;
    private final int port;

    private Replica(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Started once per test JVM; stopped when the JVM exits. */
    public static synchronized Replica shared(String securityUrl) {
        if (shared == null) {
            shared = start(securityUrl, "config-it-b");
            Replica started = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close));
        }
        return shared;
    }

    /** A replica of its own (instance id {@code name}), freshly started; the caller closes it. */
    public static Replica fresh(String securityUrl, String name) {
        return start(securityUrl, name);
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    private static Replica start(String securityUrl, String name) {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run the ITs through failsafe (mvn verify -Pit)");
        }
        int port = FakeSecurityService.freePort();
        int managementPort = FakeSecurityService.freePort();
        try {
            Path publicKey = Files.createTempFile("jwt-public", ".pem");
            try (InputStream in = Replica.class.getClassLoader().getResourceAsStream("testing/jwt-public.pem")) {
                Files.copy(in, publicKey, StandardCopyOption.REPLACE_EXISTING);
            }
            Path log = Path.of("target", "replica-" + name + ".log");
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                    "-Dquarkus.http.port=" + port,
                    "-Dquarkus.management.port=" + managementPort,
                    "-Dtenancy.instance-id=" + name,
                    // like the in-process tests, replicas serve tenants the tests never register
                    "-Dtenancy.tenant-status.source=none",
                    "-Dmp.jwt.verify.publickey.location=" + publicKey.toAbsolutePath(),
                    "-Dmp.jwt.verify.issuer=https://test.tenancycore.io",
                    "-Dquarkus.redis.hosts=" + System.getProperty("redis.url", "redis://localhost:6379"),
                    "-Dkafka.bootstrap.servers=" + System.getProperty("kafka.bootstrap.servers", "localhost:9092"),
                    "-Dtenancy.config-dir=" + Path.of("src/test/resources/environments").toAbsolutePath(),
                    "-Dquarkus.rest-client.security-service.url=" + securityUrl,
                    "-Dquarkus.oidc-client.credentials.client-secret.value=" + FakeSecurityService.CLIENT_SECRET,
                    "-jar", jar.toAbsolutePath().toString()));
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            Replica replica = new Replica(process, port);
            HttpClient http = HttpClient.newHttpClient();
            Awaitility.await("replica B ready").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("replica B exited; see " + log);
                        }
                        try {
                            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort + "/q/health/live"))
                                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                        } catch (IOException e) {
                            return false;
                        }
                    });
            return replica;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start replica B", e);
        }
    }

    @Override
    public void close() {
        process.destroy();
    }
}

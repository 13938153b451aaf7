package io.tenancycore.commons.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * Another replica of the service under test: its packaged application ({@code target/quarkus-app}, built before
 * failsafe runs) in its own JVM, with its own instance id and ports, on the same Redis and Kafka as the
 * {@code @QuarkusTest} replica, trusting the test tokens ({@code testing/jwt-public.pem}). For what only two processes
 * show: limits exact across replicas, work done once per cluster, a process killed mid-work.
 */
public final class ServiceProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private ServiceProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** A replica named {@code instanceId}; {@code properties} add to or override the test defaults. */
    public static ServiceProcess start(String instanceId, Map<String, String> properties) {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run the ITs through failsafe (mvn verify -Pit)");
        }
        int port = freePort();
        int managementPort = freePort();
        try {
            Path publicKey = Files.createTempFile("jwt-public", ".pem");
            try (InputStream in = ServiceProcess.class.getClassLoader().getResourceAsStream("testing/jwt-public.pem")) {
                Files.copy(in, publicKey, StandardCopyOption.REPLACE_EXISTING);
            }
            Map<String, String> all = new LinkedHashMap<>();
            all.put("quarkus.http.port", String.valueOf(port));
            all.put("quarkus.management.port", String.valueOf(managementPort));
            all.put("tenancy.instance-id", instanceId);
            all.put("mp.jwt.verify.publickey.location", publicKey.toAbsolutePath().toString());
            all.put("mp.jwt.verify.issuer", "https://test.tenancycore.io");
            all.put("quarkus.redis.hosts", System.getProperty("redis.url", "redis://localhost:6379"));
            all.put("kafka.bootstrap.servers", System.getProperty("kafka.bootstrap.servers", "localhost:9092"));
            all.putAll(properties);
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
            command.addAll(coverageAgent());
            all.forEach((key, value) -> command.add("-D" + key + "=" + value));
            command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
            Path log = Path.of("target", "replica-" + instanceId + ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .start();
            ServiceProcess replica = new ServiceProcess(process, port, log);
            try {
                replica.awaitLive(managementPort);
            } catch (RuntimeException | Error notReady) {
                // a replica left running joins the service's consumer groups and takes later tests' records
                process.destroyForcibly();
                throw notReady;
            }
            return replica;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start replica " + instanceId, e);
        }
    }

    /**
     * The test JVM's JaCoCo agent (the {@code coverage} profile), so that what a replica runs counts too. A replica
     * runs the packaged application, whose classes Quarkus rewrote at build time, so its data goes to its own file
     * ({@code target/jacoco-replicas.exec}), read against the packaged classes like the suite's services' data; the
     * agent locks the file while a JVM appends.
     */
    private static List<String> coverageAgent() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(argument -> argument.startsWith("-javaagent:") && argument.contains("jacoco"))
                .map(argument -> argument.replaceAll("destfile=[^,]*", "destfile="
                        + Path.of("target", "jacoco-replicas.exec").toAbsolutePath()))
                .toList();
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public Path log() {
        return log;
    }

    /** Killed as a crash would (SIGKILL): no shutdown hook runs, leases and consumer groups are left to expire. */
    public void kill() {
        process.destroyForcibly();
        waitForExit();
    }

    /**
     * Stops the replica and waits until it is gone: a graceful stop leaves its consumer groups at once, where a
     * replica still shutting down would hold its partitions until the broker's session timeout.
     */
    @Override
    public void close() {
        process.destroy();
        if (!waitForExit()) {
            process.destroyForcibly();
        }
    }

    private boolean waitForExit() {
        try {
            return process.waitFor(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void awaitLive(int managementPort) {
        HttpClient http = HttpClient.newHttpClient();
        URI live = URI.create("http://localhost:" + managementPort + "/q/health/live");
        // a JVM that starts in ~4 s on a quiet machine took ~58 s on two cores shared by three builds
        Awaitility.await("replica ready").atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("replica exited; see " + log);
                    }
                    try {
                        return http.send(HttpRequest.newBuilder(live).build(), HttpResponse.BodyHandlers.discarding())
                                .statusCode() == 200;
                    } catch (IOException e) {
                        return false;
                    }
                });
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

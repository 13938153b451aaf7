package io.tenancycore.systemtests;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Prometheus server (the Debian package's binary, or {@code -Dtenancy.prometheus.binary}) on a free loopback
 * port, scraping every service's management interface ({@code /q/metrics}) every 2 s (a loaded service may take over
 * a second to answer) and loading alert rules, so
 * tests can ask it what a Grafana panel or an alert rule would get. CI installs the package (.ci/run), so there a
 * missing binary fails the test; elsewhere it is skipped.
 */
final class PrometheusProcess implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration STARTUP = Duration.ofSeconds(60);

    private final Process process;
    private final Path dir;
    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private PrometheusProcess(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.baseUrl = "http://127.0.0.1:" + port;
    }

    /** Starts Prometheus scraping {@code services}' management URLs, with {@code ruleFile} loaded. */
    static PrometheusProcess start(List<SuiteService> services, Path ruleFile) throws IOException, InterruptedException {
        Path binary = binary();
        Path dir = Files.createTempDirectory("prometheus-it");
        StringBuilder config = new StringBuilder("""
                global:
                  scrape_interval: 2s
                  scrape_timeout: 2s
                  evaluation_interval: 2s
                rule_files:
                  - '%s'
                scrape_configs:
                """.formatted(ruleFile.toAbsolutePath()));
        for (SuiteService service : services) {
            URI management = URI.create(service.managementUrl());
            config.append("""
                      - job_name: '%s'
                        metrics_path: /q/metrics
                        static_configs:
                          - targets: ['%s:%d']
                    """.formatted(service.name(), management.getHost(), management.getPort()));
        }
        Files.writeString(dir.resolve("prometheus.yml"), config);
        int port = freePort();
        Process process = new ProcessBuilder(binary.toString(),
                "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--storage.tsdb.retention.time=1h",
                "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        PrometheusProcess prometheus = new PrometheusProcess(process, dir, port);
        try {
            prometheus.awaitReady();
        } catch (AssertionError | InterruptedException notReady) {
            prometheus.close();
            throw notReady;
        }
        return prometheus;
    }

    private static Path binary() {
        String configured = System.getProperty("tenancy.prometheus.binary");
        if (configured != null && Files.isExecutable(Path.of(configured))) {
            return Path.of(configured);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "prometheus");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        if ("true".equals(System.getenv("CI"))) {
            fail("the prometheus binary is not installed; CI must install the Debian package prometheus (.ci/run)");
        }
        Assumptions.abort("prometheus is not installed (apt-get install prometheus); skipped outside CI");
        return null;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("prometheus exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/-/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        fail("prometheus not ready after " + STARTUP + ":\n" + log());
    }

    /** GET of an API path ({@code /api/v1/...}); the parsed answer, whatever its status. */
    JsonNode api(String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An instant query; the whole answer ({@code status}, {@code data} or {@code errorType}/{@code error}). */
    JsonNode query(String promql) {
        return api("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    }

    /** Every metric name Prometheus holds a series of. */
    List<String> metricNames() {
        List<String> names = new ArrayList<>();
        api("/api/v1/label/__name__/values").path("data").forEach(n -> names.add(n.asText()));
        return names;
    }

    String log() {
        try {
            String text = Files.readString(dir.resolve("prometheus.log"));
            return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException, IOException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }
}

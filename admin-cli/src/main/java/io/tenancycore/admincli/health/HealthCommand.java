package io.tenancycore.admincli.health;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tenancycore.admincli.shell.ConfigDefaults;
import io.tenancycore.admincli.connect.KafkaTarget;
import io.tenancycore.admincli.connect.RedisTarget;
import io.tenancycore.admincli.connect.ServiceTargets;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code corectl health}: every service's /q/health, Kafka and Redis, probed side by side. Exit code 0 only when all
 * are UP, so a script (or a deployment pipeline) can wait on it.
 */
@Command(name = "health", aliases = "status", mixinStandardHelpOptions = true,
        defaultValueProvider = ConfigDefaults.class,
        description = "Health of every service, Kafka and Redis (exit 0 only when all are UP).")
public class HealthCommand implements Callable<Integer> {

    static final int ALL_UP = 0;
    static final int SOME_NOT_UP = 1;

    @Spec
    CommandSpec spec;

    @Mixin
    ServiceTargets services;

    @Mixin
    KafkaTarget kafka;

    @Mixin
    RedisTarget redis;

    @Option(names = "--detailed", description = "show each service's checks, latency and version")
    boolean detailed;

    @Option(names = "--json", description = "print JSON instead of a table")
    boolean asJson;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "timeout of each probe (default ${DEFAULT-VALUE})")
    int timeoutSeconds = 5;

    @Inject
    Vertx vertx;

    @Inject
    ObjectMapper json;

    @Override
    public Integer call() throws JsonProcessingException {
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        ServiceProbe serviceProbe = new ServiceProbe(timeout, json);
        List<Supplier<ComponentHealth>> probes = new ArrayList<>();
        services.all().forEach(service -> probes.add(() -> serviceProbe.check(service, detailed)));
        probes.add(() -> new KafkaProbe(timeout).check(kafka, detailed));
        probes.add(() -> new RedisProbe(timeout, vertx).check(redis, detailed));
        List<CompletableFuture<ComponentHealth>> running = probes.stream().map(CompletableFuture::supplyAsync).toList();
        List<ComponentHealth> results = running.stream().map(CompletableFuture::join).toList();
        boolean allUp = results.stream().allMatch(ComponentHealth::isUp);
        if (asJson) {
            printJson(results, allUp);
        } else {
            printTable(results);
        }
        return allUp ? ALL_UP : SOME_NOT_UP;
    }

    private void printJson(List<ComponentHealth> results, boolean allUp) throws JsonProcessingException {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("status", allUp ? ComponentHealth.UP : ComponentHealth.DOWN);
        report.put("components", results);
        PrintWriter out = spec.commandLine().getOut();
        out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        out.flush();
    }

    private void printTable(List<ComponentHealth> results) {
        PrintWriter out = spec.commandLine().getOut();
        String row = detailed ? "%-17s %-12s %8s  %-24s %s%n" : "%-17s %-12s %s%s%s%n";
        if (detailed) {
            out.printf(row, "COMPONENT", "STATUS", "LATENCY", "VERSION", "TARGET");
        } else {
            out.printf(row, "COMPONENT", "STATUS", "TARGET", "", "");
        }
        for (ComponentHealth health : results) {
            String target = health.detail() == null ? health.target() : health.target() + "  (" + health.detail() + ")";
            if (detailed) {
                out.printf(row, health.name(), health.status(), health.latencyMs() + " ms",
                        health.version() == null ? "-" : health.version(), target);
                if (health.checks() != null) {
                    health.checks().forEach(check -> out.printf("    %-8s %s%n", check.status(), check.name()));
                }
            } else {
                out.printf(row, health.name(), health.status(), target, "", "");
            }
        }
        long up = results.stream().filter(ComponentHealth::isUp).count();
        out.printf("%d of %d components UP%n", up, results.size());
        out.flush();
    }
}

package io.tenancycore.admincli.status;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code corectl status}: the health of every service; exit code 1 when any of them is not UP. */
@Command(name = "status", description = "Show the health of every Tenancy Core service (exit 1 if any is not UP).")
public class StatusCommand implements Callable<Integer> {

    static final int ALL_UP = 0;
    static final int SOME_DOWN = 1;

    @Spec
    CommandSpec spec;

    @Option(names = "--gateway", paramLabel = "URL", description = "event-gateway base URL (env CORECTL_GATEWAY_URL, default ${DEFAULT-VALUE})",
            defaultValue = "${env:CORECTL_GATEWAY_URL:-http://localhost:8080}")
    String gateway;

    @Option(names = "--config-service", paramLabel = "URL", description = "config-service base URL (env CORECTL_CONFIG_SERVICE_URL, default ${DEFAULT-VALUE})",
            defaultValue = "${env:CORECTL_CONFIG_SERVICE_URL:-http://localhost:8081}")
    String configService;

    @Option(names = "--security-service", paramLabel = "URL", description = "security-service base URL (env CORECTL_SECURITY_SERVICE_URL, default ${DEFAULT-VALUE})",
            defaultValue = "${env:CORECTL_SECURITY_SERVICE_URL:-http://localhost:8082}")
    String securityService;

    @Option(names = "--alert-service", paramLabel = "URL", description = "alert-service base URL (env CORECTL_ALERT_SERVICE_URL, default ${DEFAULT-VALUE})",
            defaultValue = "${env:CORECTL_ALERT_SERVICE_URL:-http://localhost:8083}")
    String alertService;

    @Option(names = "--template-service", paramLabel = "URL", description = "template-service base URL (env CORECTL_TEMPLATE_SERVICE_URL, default ${DEFAULT-VALUE})",
            defaultValue = "${env:CORECTL_TEMPLATE_SERVICE_URL:-http://localhost:8084}")
    String templateService;

    @Option(names = "--workflow-service", paramLabel = "URL", description = "workflow-service base URL (env CORECTL_WORKFLOW_SERVICE_URL, default ${DEFAULT-VALUE})",
            defaultValue = "${env:CORECTL_WORKFLOW_SERVICE_URL:-http://localhost:8085}")
    String workflowService;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "per-service timeout (default ${DEFAULT-VALUE})",
            defaultValue = "5")
    int timeoutSeconds;

    @Override
    public Integer call() {
        HealthProbe probe = new HealthProbe(Duration.ofSeconds(timeoutSeconds));
        List<ServiceHealth> results = services().entrySet().parallelStream()
                .map(service -> probe.check(service.getKey(), service.getValue()))
                .toList();
        print(results);
        return results.stream().allMatch(ServiceHealth::isUp) ? ALL_UP : SOME_DOWN;
    }

    private Map<String, String> services() {
        Map<String, String> services = new LinkedHashMap<>();
        services.put("event-gateway", gateway);
        services.put("config-service", configService);
        services.put("security-service", securityService);
        services.put("alert-service", alertService);
        services.put("template-service", templateService);
        services.put("workflow-service", workflowService);
        return services;
    }

    private void print(List<ServiceHealth> results) {
        PrintWriter out = spec.commandLine().getOut();
        String row = "%-17s %-12s %s%n";
        out.printf(row, "SERVICE", "STATUS", "URL");
        for (ServiceHealth health : results) {
            String url = health.detail().isEmpty() ? health.baseUrl() : health.baseUrl() + "  (" + health.detail() + ")";
            out.printf(row, health.service(), health.status(), url);
        }
        long up = results.stream().filter(ServiceHealth::isUp).count();
        out.printf("%d of %d services UP%n", up, results.size());
        out.flush();
    }
}

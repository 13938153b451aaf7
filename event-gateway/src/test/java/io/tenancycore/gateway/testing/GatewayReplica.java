package io.tenancycore.gateway.testing;

import io.tenancycore.commons.testsupport.ServiceProcess;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A second gateway replica ({@link ServiceProcess}) on the same Redis, Kafka and {@link FakeServices} as the
 * {@code @QuarkusTest} replica.
 */
public final class GatewayReplica implements AutoCloseable {

    private final ServiceProcess process;

    private GatewayReplica(ServiceProcess process) {
        this.process = process;
    }

    public String baseUrl() {
        return process.baseUrl();
    }

    /** Started with the running test application's upstreams; the caller closes it. */
    public static GatewayReplica start(String name) {
        var config = ConfigProvider.getConfig();
        Map<String, String> properties = new HashMap<>(Map.of(
                "tenancy.environment", "dev",
                "tenancy.tenant-status.source", "registry",
                "quarkus.oidc-client.credentials.client-secret.value", "test-secret"));
        for (String service : List.of("config-service", "security-service", "template-service",
                "workflow-service", "alert-service")) {
            String key = "quarkus.rest-client." + service + ".url";
            properties.put(key, config.getValue(key, String.class));
        }
        return new GatewayReplica(ServiceProcess.start(name, properties));
    }

    /** Stops the replica and waits until it is gone, so it leaves the dispatcher's consumer groups at once. */
    @Override
    public void close() {
        process.close();
    }
}

package io.tenancycore.alert.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.tenancycore.commons.testsupport.RealBroker;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The alert-service of every {@code @QuarkusTest} *IT: real Redis and Kafka, a real SMTP server (GreenMail) and a
 * fake template-service ({@link TestServers}), short group timings so grouping shows within seconds, and 127.0.0.1
 * allowed as a receiver host (the tests' HTTP sinks listen there). All ITs share it, so Quarkus starts once.
 */
public class AlertProfile implements QuarkusTestProfile {

    public static final Map<String, String> TIMINGS = Map.of(
            "tenancy.alerts.sweep-interval", "500ms",
            "tenancy.alerts.flush-interval", "200ms",
            "tenancy.alerts.escalation-interval", "500ms",
            "tenancy.alerts.delivery.initial-backoff", "50ms",
            "tenancy.alerts.delivery.max-backoff", "200ms",
            "tenancy.alerts.delivery.timeout", "2s",
            "tenancy.alerts.allowed-private-hosts", "127.0.0.1");

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(RealBroker.CONFIG);
        config.putAll(TIMINGS);
        // tenant statuses from the stand-in registry of TestServers, as the suite runs the service
        config.put("tenancy.tenant-status.source", "registry");
        return config;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(TestServers.class));
    }
}

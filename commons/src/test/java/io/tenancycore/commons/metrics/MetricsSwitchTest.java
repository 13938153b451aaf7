package io.tenancycore.commons.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/** core.yaml's {@code metrics.prometheus_enabled} decides whether anything is recorded. */
class MetricsSwitchTest {

    @Test
    void disabledRecordsNothing() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        registry.config().meterFilter(new MetricsSwitch().prometheusEnabled(false));

        registry.counter("tenant.requests", "tenant", "acme").increment();

        assertNull(registry.find("tenant.requests").counter());
    }

    @Test
    void enabledRecordsAsUsual() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        registry.config().meterFilter(new MetricsSwitch().prometheusEnabled(true));

        registry.counter("tenant.requests", "tenant", "acme").increment();

        assertEquals(1.0, registry.find("tenant.requests").counter().count());
    }
}

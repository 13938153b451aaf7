package io.tenancycore.commons.metrics;

import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * core.yaml's {@code metrics.prometheus_enabled}: when false, no meter is recorded, so {@code /q/metrics} exports
 * nothing and the hot paths pay nothing for metrics. (The endpoint itself is fixed when the image is built.)
 */
public class MetricsSwitch {

    @Produces
    @Singleton
    MeterFilter prometheusEnabled(@ConfigProperty(name = "metrics.prometheus_enabled", defaultValue = "true")
            boolean enabled) {
        return enabled ? new MeterFilter() {
        } : MeterFilter.deny();
    }
}

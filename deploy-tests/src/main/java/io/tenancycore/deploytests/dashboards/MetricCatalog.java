package io.tenancycore.deploytests.dashboards;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * deploy/metrics/catalog.yaml: every metric the six services expose on /q/metrics, by its Prometheus name (what
 * PromQL names), with type, labels, meaning and the services that expose it. Dashboards may query only these names;
 * the system tests check each against the live suite.
 */
public record MetricCatalog(List<Metric> metrics) {

    /** Prometheus metric types as the exposition format names them. */
    public enum Type {
        counter, gauge, histogram, summary, long_task_timer
    }

    /**
     * One metric family.
     *
     * @param name the Prometheus name (a counter's ends in {@code _total}; a histogram's or summary's is the base of
     *        its {@code _bucket}/{@code _count}/{@code _sum} series)
     * @param services the modules that expose it, or {@code [all]}
     * @param appearsOnEvent why the metric exists only after some event the live check cannot cause on demand; empty
     *        for metrics every running suite shows
     */
    public record Metric(String name, Type type, List<String> labels, List<String> services, String source,
            String meaning, String appearsOnEvent) {

        /** The sample names this family puts into the exposition (and into Prometheus). */
        public List<String> series() {
            return switch (type) {
                case counter, gauge -> List.of(name);
                case histogram -> List.of(name + "_bucket", name + "_count", name + "_sum");
                case summary -> List.of(name + "_count", name + "_sum");
                case long_task_timer -> List.of(name + "_active_count", name + "_duration_sum");
            };
        }

        public boolean onEventOnly() {
            return appearsOnEvent != null && !appearsOnEvent.isBlank();
        }

        public boolean exposedBy(String service) {
            return services.contains("all") || services.contains(service);
        }
    }

    /** What {@code services} may name. */
    public static final Set<String> SERVICES = Set.of("all", "event-gateway", "config-service", "security-service",
            "alert-service", "template-service", "workflow-service");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public static MetricCatalog load(Path file) {
        try {
            MetricCatalog catalog = YAML.readValue(file.toFile(), MetricCatalog.class);
            catalog.check();
            return catalog;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the metric catalog " + file, e);
        }
    }

    private void check() {
        Set<String> names = new HashSet<>();
        for (Metric metric : metrics) {
            if (metric.name() == null || !metric.name().matches("[a-zA-Z_][a-zA-Z0-9_]*") || metric.type() == null
                    || metric.meaning() == null || metric.services() == null || metric.services().isEmpty()) {
                throw new IllegalArgumentException("incomplete catalog entry " + metric);
            }
            if (metric.type() == Type.counter && !metric.name().endsWith("_total")) {
                throw new IllegalArgumentException(metric.name() + ": a counter's Prometheus name ends in _total");
            }
            if (!SERVICES.containsAll(metric.services())) {
                throw new IllegalArgumentException(metric.name() + ": services must be [all] or modules of "
                        + SERVICES + ", not " + metric.services());
            }
            if (!names.add(metric.name())) {
                throw new IllegalArgumentException(metric.name() + " is catalogued twice");
            }
        }
    }

    /** Sample name to the family that exposes it, for every series of every catalogued metric. */
    public Map<String, Metric> bySeries() {
        Map<String, Metric> bySeries = new LinkedHashMap<>();
        for (Metric metric : metrics) {
            for (String series : metric.series()) {
                bySeries.put(series, metric);
            }
        }
        return Collections.unmodifiableMap(bySeries);
    }
}

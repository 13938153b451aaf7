package io.tenancycore.workflow.monitoring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.tenancycore.commons.metrics.TenantTagLimiter;
import io.tenancycore.workflow.instance.InstanceRecord;
import io.tenancycore.workflow.instance.InstanceTransition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code workflow_instances_started_total}, {@code _completed_total}, {@code _failed_total},
 * {@code _cancelled_total}, {@code workflow_instance_duration_seconds} (histogram) and {@code workflow_instances_active}
 * (instances this replica runs), labelled by tenant (bounded by commons' tenant tag limit) and definition.
 */
@ApplicationScoped
public class WorkflowMetrics {

    private final MeterRegistry registry;
    private final TenantTagLimiter tenants;
    private final Map<Tags, AtomicInteger> active = new ConcurrentHashMap<>();

    public WorkflowMetrics(MeterRegistry registry, TenantTagLimiter tenants) {
        this.registry = registry;
        this.tenants = tenants;
    }

    void on(@Observes InstanceTransition transition) {
        InstanceRecord r = transition.record();
        Tags tags = Tags.of("tenant", tenants.tagFor(r.tenantId), "definition", r.definition);
        switch (transition.kind()) {
            case STARTED -> {
                counter("workflow.instances.started", tags).increment();
                gauge(tags).incrementAndGet();
            }
            case RESUMED -> gauge(tags).incrementAndGet();
            case RELEASED -> gauge(tags).updateAndGet(n -> Math.max(0, n - 1));
            case COMPLETED, FAILED, CANCELLED -> {
                counter("workflow.instances." + transition.kind().name().toLowerCase(java.util.Locale.ROOT), tags)
                        .increment();
                gauge(tags).updateAndGet(n -> Math.max(0, n - 1));
                if (r.durationMs != null) {
                    Timer.builder("workflow.instance.duration").description("Instance run time, start to end")
                            .tags(tags.and("status", r.status.wire())).publishPercentileHistogram()
                            .register(registry).record(Duration.ofMillis(r.durationMs));
                }
            }
        }
    }

    private Counter counter(String name, Tags tags) {
        return Counter.builder(name).tags(tags).register(registry);
    }

    private AtomicInteger gauge(Tags tags) {
        return active.computeIfAbsent(tags, t -> registry.gauge("workflow.instances.active", t,
                new AtomicInteger()));
    }
}

package io.tenancycore.gateway.publish;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tenancycore.commons.events.Priority;
import io.tenancycore.commons.metrics.BoundedTags;
import io.tenancycore.commons.metrics.TenantTagLimiter;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The event bus's meters, by tenant and event type: published, each delivery outcome (delivered, retried,
 * dead_lettered, duplicate) and the delivery latency from the record's Kafka timestamp to the sink's answer. Both
 * labels are chosen by tenants, so both are bounded ({@link TenantTagLimiter}, {@code tenancy.events.metrics.
 * max-type-tags}); Kafka consumer lag comes with the messaging extension ({@code kafka_consumer_fetch_manager_*}).
 */
@ApplicationScoped
public class EventMetrics {

    static final String PUBLISHED = "tenant.events.published";
    static final String DELIVERIES = "tenant.events.deliveries";
    static final String DELIVERY_LATENCY = "tenant.events.delivery.latency";

    private final MeterRegistry registry;
    private final TenantTagLimiter tenantTags;
    private final BoundedTags typeTags;

    public EventMetrics(MeterRegistry registry, TenantTagLimiter tenantTags,
            @ConfigProperty(name = "tenancy.events.metrics.max-type-tags", defaultValue = "50") int maxTypeTags) {
        this.registry = registry;
        this.tenantTags = tenantTags;
        this.typeTags = new BoundedTags(maxTypeTags);
    }

    public void published(String tenantId, String type, Priority priority) {
        Counter.builder(PUBLISHED).description("Events published through the gateway and acknowledged by Kafka")
                .tag("tenant", tenantTags.tagFor(tenantId)).tag("type", typeTags.tagFor(type))
                .tag("priority", priority.wireName()).register(registry).increment();
    }

    /** One outcome of delivering an event to a subscription. */
    public void delivery(String tenantId, String type, String outcome) {
        Counter.builder(DELIVERIES).description("Deliveries of events to subscriptions, by outcome")
                .tag("tenant", tenantTags.tagFor(tenantId)).tag("type", typeTags.tagFor(type))
                .tag("outcome", outcome).register(registry).increment();
    }

    /** From the event's arrival on Kafka to the sink's acceptance. */
    public void deliveredAfter(String tenantId, Duration latency) {
        Timer.builder(DELIVERY_LATENCY).description("From an event's arrival on Kafka to its sink's acceptance")
                .tag("tenant", tenantTags.tagFor(tenantId)).publishPercentileHistogram()
                .register(registry).record(latency);
    }
}

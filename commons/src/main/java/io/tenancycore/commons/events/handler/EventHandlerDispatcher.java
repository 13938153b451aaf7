package io.tenancycore.commons.events.handler;

import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.events.CloudEvents;
import io.tenancycore.commons.events.Priority;
import io.tenancycore.commons.metrics.TenantTagLimiter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Hands the bus's events to the service's {@link EventHandler} beans. One consumer per priority, so a backlog of low
 * events never delays high ones. The record is acknowledged once every matching handler succeeded; a handler that
 * still fails after its retries nacks it, and the channel's {@code dead-letter-queue} strategy writes it to
 * {@code tenancy.events.dlq} (with the reason in its {@code dead-letter-reason} header), so nothing is lost and the
 * partition moves on. Present only where {@code tenancy.event-handlers.enabled=true} (build time).
 */
@ApplicationScoped
@IfBuildProperty(name = "tenancy.event-handlers.enabled", stringValue = "true")
public class EventHandlerDispatcher {

    public static final String HIGH = "event-handlers-high";
    public static final String NORMAL = "event-handlers-normal";
    public static final String LOW = "event-handlers-low";
    static final String HANDLED = "tenant.events.handled";
    private static final Logger LOG = Logger.getLogger(EventHandlerDispatcher.class);

    private final List<EventHandler> handlers;
    private final EventHandlersConfig config;
    private final MeterRegistry registry;
    private final TenantTagLimiter tenantTags;

    public EventHandlerDispatcher(@Any Instance<EventHandler> handlers, EventHandlersConfig config,
            MeterRegistry registry, TenantTagLimiter tenantTags) {
        this.handlers = handlers.stream().toList();
        this.config = config;
        this.registry = registry;
        this.tenantTags = tenantTags;
    }

    @Incoming(HIGH)
    public Uni<Void> high(Message<byte[]> message) {
        return dispatch(Priority.HIGH, message);
    }

    @Incoming(NORMAL)
    public Uni<Void> normal(Message<byte[]> message) {
        return dispatch(Priority.NORMAL, message);
    }

    @Incoming(LOW)
    public Uni<Void> low(Message<byte[]> message) {
        return dispatch(Priority.LOW, message);
    }

    Uni<Void> dispatch(Priority priority, Message<byte[]> message) {
        CloudEvent cloudEvent;
        try {
            cloudEvent = CloudEvents.of(message);
        } catch (RuntimeException unreadable) {
            return Uni.createFrom().completionStage(() -> message.nack(unreadable));
        }
        String tenant = CloudEvents.tenantOf(cloudEvent);
        if (tenant == null) {
            // the gateway sets tenantid on every event it publishes; one without it belongs to nobody
            return Uni.createFrom().completionStage(message::ack);
        }
        BusEvent event = new BusEvent(cloudEvent, tenant, priority);
        List<Uni<Void>> runs = handlers.stream()
                .filter(handler -> handler.priorities().contains(priority) && handler.filter().test(cloudEvent))
                .map(handler -> run(handler, event)).toList();
        if (runs.isEmpty()) {
            return Uni.createFrom().completionStage(message::ack);
        }
        return Uni.join().all(runs).andCollectFailures().replaceWithVoid()
                .onItemOrFailure().transformToUni((ignored, failure) -> failure == null
                        ? Uni.createFrom().completionStage(message::ack)
                        : Uni.createFrom().completionStage(() -> message.nack(failure)));
    }

    private Uni<Void> run(EventHandler handler, BusEvent event) {
        String name = handlerName(handler);
        return Uni.createFrom().deferred(() -> handler.handle(event))
                .onFailure().invoke(failure -> LOG.debugf("handler %s failed on event %s of tenant %s: %s", name,
                        event.id(), event.tenantId(), failure.toString()))
                .onFailure().retry().withBackOff(config.backoff(), config.maxBackoff()).atMost(config.retries())
                .invoke(() -> count(name, event, "handled"))
                .onFailure().invoke(failure -> {
                    LOG.warnf("handler %s gave up on event %s (%s) of tenant %s after %d retries: %s", name,
                            event.id(), event.eventType(), event.tenantId(), config.retries(), failure.toString());
                    count(name, event, "dead_lettered");
                });
    }

    private void count(String handler, BusEvent event, String outcome) {
        registry.counter(HANDLED, "handler", handler, "tenant", tenantTags.tagFor(event.tenantId()),
                "outcome", outcome).increment();
    }

    /** The bean class, not its client proxy's. */
    private static String handlerName(EventHandler handler) {
        String name = handler.getClass().getSimpleName();
        int proxy = name.indexOf("_ClientProxy");
        return proxy > 0 ? name.substring(0, proxy) : name;
    }
}

package io.tenancycore.gateway.publish;

import io.cloudevents.CloudEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.tenancycore.commons.error.ProblemException;
import io.tenancycore.commons.error.Problems;
import io.tenancycore.commons.events.OutgoingEvents;
import io.tenancycore.commons.events.Priority;
import io.tenancycore.gateway.edge.GatewayProblems;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Writes published events to {@code tenancy.events.high|normal|low} by their {@code priority}, one channel per topic
 * (idempotent producer, {@code acks=all}, CloudEvents binary mode: application.yaml), record key = the tenant. Every
 * attribute the client sent travels as it was (the connector adds no time of its own). Completes once Kafka
 * acknowledged every event; fails with 503 when it does not within the configured time.
 */
@ApplicationScoped
public class EventBus {

    public static final String HIGH = "events-high";
    public static final String NORMAL = "events-normal";
    public static final String LOW = "events-low";
    private static final int UNAVAILABLE = 503;
    /** A batch of the largest size per channel, several at once, without the emitter refusing them. */
    private static final int EMITTER_BUFFER = 8192;
    private static final Logger LOG = Logger.getLogger(EventBus.class);

    private final Map<Priority, MutinyEmitter<byte[]>> emitters;
    private final EventsConfig config;
    private final EventMetrics metrics;

    public EventBus(@Channel(HIGH) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = EMITTER_BUFFER)
            MutinyEmitter<byte[]> high,
            @Channel(NORMAL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = EMITTER_BUFFER)
            MutinyEmitter<byte[]> normal,
            @Channel(LOW) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = EMITTER_BUFFER)
            MutinyEmitter<byte[]> low,
            EventsConfig config, EventMetrics metrics) {
        this.emitters = Map.of(Priority.HIGH, high, Priority.NORMAL, normal, Priority.LOW, low);
        this.config = config;
        this.metrics = metrics;
    }

    /** @return the events' ids, in order, once Kafka has acknowledged all of them */
    public Uni<List<String>> publish(String tenantId, List<CloudEvent> events) {
        List<Uni<Void>> sends = new ArrayList<>(events.size());
        for (CloudEvent event : events) {
            Priority priority = Priority.of(event.getExtension(Priority.EXTENSION)).orElse(Priority.NORMAL);
            byte[] data = OutgoingEvents.data(event);
            sends.add(emitters.get(priority).sendMessage(Message.of(data, OutgoingEvents.metadata(tenantId, event)))
                    .invoke(() -> metrics.published(tenantId, event.getType(), priority)));
        }
        Uni<List<String>> acknowledged = Uni.join().all(sends).andFailFast()
                .replaceWith(() -> events.stream().map(CloudEvent::getId).toList())
                .ifNoItem().after(config.acknowledgementTimeout()).fail()
                .onFailure().transform(failure -> {
                    LOG.warnf("events of tenant %s not acknowledged by Kafka: %s", tenantId, failure.toString());
                    return new ProblemException(GatewayProblems.EVENT_BUS_UNAVAILABLE, UNAVAILABLE,
                            Problems.reasonPhrase(UNAVAILABLE), "The event bus did not confirm the events; publish "
                                    + "them again (same ids) shortly.", List.of());
                });
        Context caller = Vertx.currentContext();
        if (caller == null) {
            return acknowledged;
        }
        // handed to the emitters outside the request's context, so acknowledgements (a Kafka thread) never complete
        // on a request context that is gone; the caller continues on its own context (as commons' EventPublisher)
        return acknowledged.runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .emitOn(task -> caller.runOnContext(ignored -> task.run()));
    }
}

package io.tenancycore.workflow.events;

import io.cloudevents.CloudEvent;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.tenancycore.commons.events.MalformedEventException;
import org.eclipse.microprofile.faulttolerance.Retry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.tenancycore.commons.events.CloudEvents;
import io.tenancycore.commons.tenant.TenantIds;
import io.tenancycore.workflow.engine.WorkflowEngine;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * What workflows hear from {@code tenancy.events.high|normal|low} (the gateway's publish API and workflows'
 * {@code emit}), two ways:
 * <ul>
 * <li>{@value #LIVE}: every replica reads every event (a consumer group per replica, from the latest offset) and hands
 * it at once to the listens of its tenant waiting here;</li>
 * <li>{@value #KEPT}: one consumer group for the service, from its committed offset (the earliest for a new group), so
 * that events published while every replica was down are read after the restart; it keeps the events of tenants with
 * a waiting listen in Redis ({@link EventLogStore}), which waiting listens read back.</li>
 * </ul>
 * Events without a valid {@code tenantid} are nobody's and are skipped.
 */
@ApplicationScoped
public class BusEvents {

    public static final String LIVE = "workflow-listen";
    public static final String KEPT = "workflow-event-log";
    private static final Logger LOG = Logger.getLogger(BusEvents.class);

    private final WorkflowEngine engine;
    private final EventLogStore log;

    public BusEvents(WorkflowEngine engine, EventLogStore log) {
        this.engine = engine;
        this.log = log;
    }

    @Incoming(LIVE)
    @Acknowledgment(Acknowledgment.Strategy.POST_PROCESSING)
    public Uni<Void> hear(Message<byte[]> message) {
        return CloudEvents.consume(message, event -> {
            if (tenantOf(event) == null) {
                return Uni.createFrom().voidItem();
            }
            return Uni.createFrom().completionStage(engine.deliver(event, publishedAt(message)));
        }).onFailure().recoverWithUni(failure -> skipped(failure));
    }

    /** Redis may be briefly away: retried, then the record is skipped (a listen alive at the time heard it live). */
    @Incoming(KEPT)
    @Acknowledgment(Acknowledgment.Strategy.POST_PROCESSING)
    @Retry(maxRetries = 4, delay = 200, jitter = 0, abortOn = MalformedEventException.class)
    @ExponentialBackoff(maxDelay = 5000)
    public Uni<Void> keep(Message<byte[]> message) {
        return CloudEvents.consume(message, event -> {
            String tenantId = tenantOf(event);
            if (tenantId == null) {
                return Uni.createFrom().voidItem();
            }
            var record = message.getMetadata(IncomingKafkaRecordMetadata.class);
            String where = record.map(r -> r.getTopic() + "/" + r.getPartition() + "/" + r.getOffset())
                    .orElse("memory/" + event.getSource() + "/" + event.getId());
            return Uni.createFrom().item(() -> log.keep(tenantId, publishedAt(message), BusEventTransport.entry(where, event)))
                    .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                    .replaceWithVoid();
        });
    }

    /** The record's timestamp (its producer's clock); now for an event read from elsewhere. */
    private static Instant publishedAt(Message<byte[]> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class).map(IncomingKafkaRecordMetadata::getTimestamp)
                .orElseGet(Instant::now);
    }

    private static Uni<Void> skipped(Throwable failure) {
        LOG.warnf("event not handed to listens: %s", failure.toString());
        return Uni.createFrom().voidItem();
    }

    private static String tenantOf(CloudEvent event) {
        String tenant = CloudEvents.tenantOf(event);
        return tenant != null && TenantIds.isValid(tenant) ? tenant : null;
    }
}

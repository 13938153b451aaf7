package io.tenancycore.workflow.events;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonFormat;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.tenancycore.commons.events.CloudEvents;
import io.tenancycore.commons.events.EventPublisher;
import io.tenancycore.commons.events.OutgoingEvents;
import io.tenancycore.commons.events.Priority;
import io.tenancycore.workflow.engine.EventTransport;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Tenants' workflow events on the platform's event bus: an {@code emit} is published like an event of the gateway's
 * publish API — on {@code tenancy.events.<priority>} (its {@code priority} extension, normal by default), CloudEvents
 * binary mode, record key = the tenant, every attribute as the workflow built it (id, source, type, {@code tenantid})
 * — through commons' idempotent {@code acks=all} producer channel. So the gateway's subscribers see workflows' events,
 * and workflows hear events published through the gateway. Kept events ({@link EventLogStore}) are stored as
 * structured CloudEvents JSON.
 */
@ApplicationScoped
public class BusEventTransport implements EventTransport {

    private static final Logger LOG = Logger.getLogger(BusEventTransport.class);
    private static final JsonFormat JSON = new JsonFormat();

    private final MutinyEmitter<byte[]> emitter;
    private final EventLogStore log;

    public BusEventTransport(@Channel(EventPublisher.CHANNEL) MutinyEmitter<byte[]> emitter, EventLogStore log) {
        this.emitter = emitter;
        this.log = log;
    }

    @Override
    public CompletableFuture<Void> send(CloudEvent event) {
        String tenantId = CloudEvents.tenantOf(event);
        Priority priority = Priority.of(event.getExtension(Priority.EXTENSION)).orElse(Priority.NORMAL);
        CloudEvent typed = event.getDataContentType() != null ? event
                : CloudEventBuilder.v1(event).withDataContentType(CloudEvents.JSON).build();
        return emitter.sendMessage(Message.of(OutgoingEvents.data(typed),
                OutgoingEvents.metadata(tenantId, priority.topic(), typed))).subscribeAsCompletionStage();
    }

    @Override
    public void listening(String tenantId, String listener, Instant since) {
        log.listening(tenantId, listener, since);
    }

    @Override
    public void notListening(String tenantId, String listener) {
        log.notListening(tenantId, listener);
    }

    @Override
    public List<CloudEvent> since(String tenantId, Instant since) {
        List<CloudEvent> events = new ArrayList<>();
        for (String entry : log.since(tenantId, since)) {
            int newline = entry.indexOf('\n');
            try {
                events.add(JSON.deserialize(entry.substring(newline + 1).getBytes(StandardCharsets.UTF_8)));
            } catch (RuntimeException e) {
                LOG.warnf("unreadable kept event of tenant %s skipped: %s", tenantId, e.toString());
            }
        }
        return events;
    }

    /** The kept form of an event: where it was read from (so a redelivery is kept once), then the event. */
    static String entry(String record, CloudEvent event) {
        return record + "\n" + new String(JSON.serialize(event), StandardCharsets.UTF_8);
    }
}

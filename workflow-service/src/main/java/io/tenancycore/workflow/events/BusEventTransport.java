package io.tenancycore.workflow.events;

import io.cloudevents.CloudEvent;
import io.cloudevents.jackson.JsonFormat;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadataBuilder;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.tenancycore.commons.events.CloudEvents;
import io.tenancycore.commons.events.EventPublisher;
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
import org.eclipse.microprofile.reactive.messaging.Metadata;
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
        byte[] data = event.getData() == null ? new byte[0] : event.getData().toBytes();
        return emitter.sendMessage(Message.of(data, metadata(event, priority.topic(), tenantId)))
                .subscribeAsCompletionStage();
    }

    private static Metadata metadata(CloudEvent event, String topic, String tenantId) {
        OutgoingCloudEventMetadataBuilder<byte[]> attributes = OutgoingCloudEventMetadata.<byte[]>builder()
                .withSpecVersion(event.getSpecVersion().toString())
                .withId(event.getId())
                .withSource(event.getSource())
                .withType(event.getType());
        if (event.getSubject() != null) {
            attributes.withSubject(event.getSubject());
        }
        attributes.withDataContentType(event.getDataContentType() != null ? event.getDataContentType()
                : CloudEvents.JSON);
        if (event.getDataSchema() != null) {
            attributes.withDataSchema(event.getDataSchema());
        }
        if (event.getTime() != null) {
            attributes.withTimestamp(event.getTime().toZonedDateTime());
        }
        for (String name : event.getExtensionNames()) {
            attributes.withExtension(name, String.valueOf(event.getExtension(name)));
        }
        return Metadata.of(attributes.build(),
                OutgoingKafkaRecordMetadata.<String>builder().withTopic(topic).withKey(tenantId).build());
    }

    @Override
    public void listening(String tenantId, String listener) {
        log.listening(tenantId, listener);
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

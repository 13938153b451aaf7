package io.tenancycore.commons.events;

import io.cloudevents.CloudEvent;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadataBuilder;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/**
 * A tenant's CloudEvent as an outgoing Kafka message of the connector (binary mode): every attribute and extension
 * as its author built it (a gateway client, a workflow's {@code emit}), record key = the tenant. The connector turns
 * the metadata into {@code ce_*} headers.
 */
public final class OutgoingEvents {

    private OutgoingEvents() {
    }

    /** For the channel's own topic. */
    public static Metadata metadata(String tenantId, CloudEvent event) {
        return metadata(tenantId, null, event);
    }

    /** For {@code topic}, or the channel's own when {@code null}. */
    public static Metadata metadata(String tenantId, String topic, CloudEvent event) {
        OutgoingCloudEventMetadataBuilder<byte[]> attributes = OutgoingCloudEventMetadata.<byte[]>builder()
                .withSpecVersion(event.getSpecVersion().toString())
                .withId(event.getId())
                .withSource(event.getSource())
                .withType(event.getType());
        if (event.getSubject() != null) {
            attributes.withSubject(event.getSubject());
        }
        if (event.getDataContentType() != null) {
            attributes.withDataContentType(event.getDataContentType());
        }
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

    /** The record's value: the event's data, empty when it has none. */
    public static byte[] data(CloudEvent event) {
        return event.getData() == null ? new byte[0] : event.getData().toBytes();
    }
}

package io.tenancycore.commons.events;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.CloudEventMetadata;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.net.URI;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/**
 * The platform's CloudEvents on the Kafka connector: the metadata a producer attaches (the connector writes it as
 * {@code ce_*} headers, binary mode) and the event a consumer gets back from an incoming message.
 */
public final class CloudEvents {

    /** CloudEvents extension naming the tenant (DESIGN.md); the record key carries the same value. */
    public static final String TENANT_EXTENSION = "tenantid";
    public static final String JSON = "application/json";

    private CloudEvents() {
    }

    /**
     * Metadata of one outgoing event: CloudEvent attributes plus the Kafka topic and key.
     *
     * @param tenantId record key and {@code tenantid} extension; {@code null} for platform-wide events (no key)
     * @param subject CloudEvents {@code subject}, optional
     */
    public static Metadata outgoing(URI source, String topic, String tenantId, String type, String subject) {
        var event = OutgoingCloudEventMetadata.<byte[]>builder()
                .withId(UUID.randomUUID().toString())
                .withSource(source)
                .withType(type)
                .withDataContentType(JSON)
                .withTimestamp(ZonedDateTime.now(ZoneOffset.UTC));
        if (subject != null) {
            event.withSubject(subject);
        }
        if (tenantId != null) {
            event.withExtension(TENANT_EXTENSION, tenantId);
        }
        var record = OutgoingKafkaRecordMetadata.<String>builder().withTopic(topic);
        if (tenantId != null) {
            record.withKey(tenantId);
        }
        return Metadata.of(event.build(), record.build());
    }

    /**
     * The CloudEvent an incoming message carries (the connector parses the {@code ce_*} headers).
     *
     * @throws MalformedEventException when the record is not a CloudEvent
     */
    @SuppressWarnings("unchecked")
    public static CloudEvent of(Message<byte[]> message) {
        CloudEventMetadata<Object> metadata = message.getMetadata(CloudEventMetadata.class)
                .orElseThrow(() -> new MalformedEventException("the record carries no CloudEvent attributes"));
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(metadata.getId())
                .withSource(metadata.getSource())
                .withType(metadata.getType());
        metadata.getSubject().ifPresent(builder::withSubject);
        metadata.getTimeStamp().ifPresent(time -> builder.withTime(time.toOffsetDateTime()));
        for (Map.Entry<String, Object> extension : metadata.getExtensions().entrySet()) {
            if (extension.getValue() != null) {
                builder.withExtension(extension.getKey(), extension.getValue().toString());
            }
        }
        byte[] data = message.getPayload();
        if (data != null) {
            builder.withData(metadata.getDataContentType().orElse(JSON), data);
        }
        return builder.build();
    }

    /** The tenant an event is about ({@code tenantid} extension), or {@code null}. */
    public static String tenantOf(CloudEvent event) {
        Object tenant = event.getExtension(TENANT_EXTENSION);
        return tenant == null ? null : tenant.toString();
    }

    /**
     * Runs {@code handler} on the message's event. A failure (or a record that is not a CloudEvent) fails the returned
     * {@code Uni}: the {@code @Retry} of the {@code @Incoming} method tries again, then the message is nacked and the
     * channel's {@code failure-strategy} decides (ignore, dead-letter-queue). The method acknowledges
     * {@code @Acknowledgment(POST_PROCESSING)}: the offset moves on once the handler succeeded.
     */
    /**
     * The trace id the record arrived with (its {@code traceparent}, continued by the connector's OpenTelemetry
     * support), for a consumer's log line; {@code null} when the record carried none.
     */
    public static String traceIdOf(Message<?> message) {
        return message.getMetadata(TracingMetadata.class)
                .map(tracing -> Span.fromContext(tracing.getCurrentContext()).getSpanContext())
                .filter(SpanContext::isValid)
                .map(SpanContext::getTraceId)
                .orElse(null);
    }

    public static Uni<Void> consume(Message<byte[]> message, Function<CloudEvent, Uni<Void>> handler) {
        return Uni.createFrom().item(() -> of(message)).chain(event -> handler.apply(event));
    }
}

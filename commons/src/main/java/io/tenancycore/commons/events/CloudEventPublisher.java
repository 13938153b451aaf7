package io.tenancycore.commons.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;

/**
 * Publishes CloudEvents 1.0 in Kafka binary mode ({@code ce_*} headers, JSON body) with the {@code tenantid}
 * extension, the tenant as record key and the caller's W3C {@code traceparent} header.
 * One idempotent producer per application; thread-safe.
 */
public class CloudEventPublisher implements AutoCloseable {

    public static final String TENANT_EXTENSION = "tenantid";
    public static final String JSON = "application/json";
    private static final Logger LOG = Logger.getLogger(CloudEventPublisher.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final Producer<String, byte[]> producer;
    private final URI source;
    private final ObjectMapper mapper;
    private final MeterRegistry registry;

    public CloudEventPublisher(Producer<String, byte[]> producer, String applicationName, ObjectMapper mapper,
            MeterRegistry registry) {
        this.producer = producer;
        this.source = URI.create("/tenancy/" + applicationName);
        this.mapper = mapper;
        this.registry = registry;
    }

    public static CloudEventPublisher create(KafkaClientFactory clients, String applicationName, ObjectMapper mapper,
            MeterRegistry registry, Duration maxBlock) {
        return new CloudEventPublisher(clients.producer(applicationName + "-publisher", maxBlock), applicationName,
                mapper, registry);
    }

    public URI source() {
        return source;
    }

    /** Publishes with the traceparent found in the MDC (put there by the web layer for the current request). */
    public Uni<Void> publish(String topic, String tenantId, String type, String subject, Object data) {
        return publish(topic, tenantId, type, subject, data, TraceHeaders.currentTraceparent().orElse(null));
    }

    /**
     * @param tenantId record key and {@code tenantid} extension; {@code null} for platform-wide events (no key)
     * @param subject CloudEvents {@code subject}, optional
     * @param traceparent W3C traceparent to propagate, optional
     */
    public Uni<Void> publish(String topic, String tenantId, String type, String subject, Object data,
            String traceparent) {
        CloudEvent event;
        try {
            event = newEvent(tenantId, type, subject, data);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalArgumentException("event data is not serializable as JSON", e));
        }
        return publish(topic, tenantId, event, traceparent);
    }

    /** Publishes a ready-made event, e.g. one forwarded by the event bus. */
    public Uni<Void> publish(String topic, String key, CloudEvent event, String traceparent) {
        ProducerRecord<String, byte[]> record = KafkaMessageFactory.<String>createWriter(topic, key).writeBinary(event);
        if (traceparent != null && !traceparent.isBlank()) {
            TraceHeaders.write(record.headers(), traceparent);
        }
        Uni<Void> send = Uni.createFrom().emitter(emitter -> producer.send(record, (metadata, failure) -> {
            outcome(topic, failure == null).increment();
            if (failure == null) {
                emitter.complete(null);
            } else {
                LOG.warnf("publishing %s to %s failed: %s", event.getType(), topic, failure.toString());
                emitter.fail(failure);
            }
        }));
        // send() can wait for topic metadata (max.block.ms); never let that happen on an event-loop thread.
        return Context.isOnEventLoopThread() ? send.runSubscriptionOn(Infrastructure.getDefaultWorkerPool()) : send;
    }

    public CloudEvent newEvent(String tenantId, String type, String subject, Object data)
            throws JsonProcessingException {
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(UUID.randomUUID().toString())
                .withSource(source)
                .withType(type)
                .withTime(OffsetDateTime.now(ZoneOffset.UTC));
        if (subject != null) {
            builder.withSubject(subject);
        }
        if (tenantId != null) {
            builder.withExtension(TENANT_EXTENSION, tenantId);
        }
        if (data != null) {
            builder.withData(JSON, mapper.writeValueAsBytes(data));
        }
        return builder.build();
    }

    private Counter outcome(String topic, boolean success) {
        return Counter.builder("tenancy.events.published")
                .description("CloudEvents sent to Kafka, by topic and outcome")
                .tag("topic", topic)
                .tag("outcome", success ? "success" : "failure")
                .register(registry);
    }

    @Override
    public void close() {
        producer.close(CLOSE_TIMEOUT);
    }
}

package io.tenancycore.commons.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tenancycore.commons.testsupport.Infra;
import io.tenancycore.commons.wiring.InfraTestProfile;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/** What {@link EventPublisher} puts on the wire, read back raw from the real broker. */
@QuarkusTest
@TestProfile(InfraTestProfile.class)
class EventPublisherIT {

    @Inject
    EventPublisher publisher;

    @Inject
    Tracer tracer;

    @Test
    void eventArrivesInBinaryModeWithTenantKeyAndTheCallersTrace() throws Exception {
        String topic = Infra.freshTopic("publisher", 1);
        Span span = tracer.spanBuilder("publishing-request").startSpan();
        try (Scope ignored = span.makeCurrent()) {
            publisher.publish(topic, "acme", "io.tenancycore.test.created", "widgets/42", Map.of("size", 7))
                    .await().atMost(Infra.TIMEOUT);
        } finally {
            span.end();
        }

        ConsumerRecord<String, byte[]> record = read(topic, 1).get(0);
        assertEquals("acme", record.key());
        assertEquals("io.tenancycore.test.created", header(record, "ce_type"));
        assertEquals("acme", header(record, "ce_tenantid"));
        assertEquals("/tenancy/commons-wiring-it", header(record, "ce_source"));
        assertEquals("1.0", header(record, "ce_specversion"));
        assertEquals("widgets/42", header(record, "ce_subject"));
        assertEquals("application/json", header(record, "content-type"));
        UUID.fromString(header(record, "ce_id"));
        OffsetDateTime.parse(header(record, "ce_time"));
        assertEquals(span.getSpanContext().getTraceId(), header(record, "traceparent").split("-")[1],
                "the record continues the caller's trace (W3C traceparent)");
        JsonNode body = Infra.mapper().readTree(record.value());
        assertEquals(7, body.get("size").asInt());
    }

    @Test
    void platformEventsWithoutTenantHaveNoKeyAndNoExtension() {
        String topic = Infra.freshTopic("publisher-platform", 1);
        publisher.publish(topic, null, "io.tenancycore.test.platform", null, null).await().atMost(Infra.TIMEOUT);

        ConsumerRecord<String, byte[]> record = read(topic, 1).get(0);
        assertNull(record.key());
        assertNull(record.headers().lastHeader("ce_tenantid"));
        assertFalse(record.value() != null && record.value().length > 0, "no data, no body");
    }

    @Test
    void unserializableDataFailsTheUniWithoutSending() {
        Object selfReferencing = new Object() {
            public Object getSelf() {
                return this;
            }
        };
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                () -> publisher.publish("it.never", "acme", "t", null, selfReferencing).await()
                        .atMost(Infra.TIMEOUT));
        assertTrue(failure.getMessage().contains("JSON"));
    }

    private static List<ConsumerRecord<String, byte[]>> read(String topic, int count) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = Infra.rawConsumer()) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Infra.TIMEOUT.toNanos();
            while (records.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        assertEquals(count, records.size(), "records on " + topic);
        return records;
    }

    static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertTrue(header != null, "header " + name + " present");
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}

package io.tenancycore.commons.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tenancycore.commons.testsupport.Infra;
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
import org.jboss.logging.MDC;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CloudEventPublisherIT {

    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    static SimpleMeterRegistry registry = new SimpleMeterRegistry();
    static CloudEventPublisher publisher;

    @BeforeAll
    static void start() {
        publisher = CloudEventPublisher.create(Infra.kafka(), "publisher-it", Infra.mapper(), registry,
                Duration.ofSeconds(10));
    }

    @AfterAll
    static void stop() {
        publisher.close();
    }

    @Test
    void eventArrivesInBinaryModeWithTenantKeyAndTraceparent() throws Exception {
        String topic = Infra.freshTopic("publisher", 1);

        publisher.publish(topic, "acme", "io.tenancycore.test.created", "widgets/42", Map.of("size", 7), TRACEPARENT)
                .await().atMost(Infra.TIMEOUT);

        ConsumerRecord<String, byte[]> record = readOne(topic);
        assertEquals("acme", record.key());
        assertEquals("io.tenancycore.test.created", header(record, "ce_type"));
        assertEquals("acme", header(record, "ce_tenantid"));
        assertEquals("/tenancy/publisher-it", header(record, "ce_source"));
        assertEquals("1.0", header(record, "ce_specversion"));
        assertEquals("widgets/42", header(record, "ce_subject"));
        assertEquals(TRACEPARENT, header(record, "traceparent"));
        assertEquals("application/json", header(record, "content-type"));
        UUID.fromString(header(record, "ce_id"));
        OffsetDateTime.parse(header(record, "ce_time"));
        JsonNode body = Infra.mapper().readTree(record.value());
        assertEquals(7, body.get("size").asInt());
        assertEquals(1.0, registry.get("tenancy.events.published").tag("topic", topic).tag("outcome", "success")
                .counter().count());
    }

    @Test
    void traceparentComesFromTheMdcWhenNotGiven() {
        String topic = Infra.freshTopic("publisher-mdc", 1);
        MDC.put(TraceHeaders.TRACEPARENT, TRACEPARENT);
        try {
            publisher.publish(topic, "acme", "io.tenancycore.test.mdc", null, Map.of()).await().atMost(Infra.TIMEOUT);
        } finally {
            MDC.remove(TraceHeaders.TRACEPARENT);
        }
        publisher.publish(topic, "acme", "io.tenancycore.test.untraced", null, Map.of()).await().atMost(Infra.TIMEOUT);

        List<ConsumerRecord<String, byte[]>> records = read(topic, 2);
        assertEquals(TRACEPARENT, header(records.get(0), "traceparent"));
        assertNull(records.get(1).headers().lastHeader("traceparent"));
    }

    @Test
    void platformEventsWithoutTenantHaveNoKeyAndNoExtension() {
        String topic = Infra.freshTopic("publisher-platform", 1);
        publisher.publish(topic, null, "io.tenancycore.test.platform", null, null, null).await().atMost(Infra.TIMEOUT);

        ConsumerRecord<String, byte[]> record = readOne(topic);
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
                () -> publisher.publish("it.never", "acme", "t", null, selfReferencing, null).await()
                        .atMost(Infra.TIMEOUT));
        assertTrue(failure.getMessage().contains("JSON"));
    }

    @Test
    void unreachableBrokerFailsTheUni() {
        try (CloudEventPublisher offline = CloudEventPublisher.create(
                KafkaClientFactory.forBootstrapServers("127.0.0.1:1"), "offline", Infra.mapper(), registry,
                Duration.ofMillis(500))) {
            assertThrows(RuntimeException.class, () -> offline.publish("it.offline", "acme", "t", null, Map.of(), null)
                    .await().atMost(Infra.TIMEOUT));
        }
    }

    private static ConsumerRecord<String, byte[]> readOne(String topic) {
        return read(topic, 1).get(0);
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

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertTrue(header != null, "header " + name + " present");
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}

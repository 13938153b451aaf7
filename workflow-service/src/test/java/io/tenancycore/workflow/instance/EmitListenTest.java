package io.tenancycore.workflow.instance;

import static io.tenancycore.workflow.instance.InstancesTest.awaitStatus;
import static io.tenancycore.workflow.instance.InstancesTest.define;
import static io.tenancycore.workflow.instance.InstancesTest.instance;
import static io.tenancycore.workflow.instance.InstancesTest.start;
import static io.tenancycore.workflow.instance.InstancesTest.task;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.tenancycore.commons.events.CloudEvents;
import io.tenancycore.commons.events.EventPublisher;
import io.tenancycore.commons.events.Topics;
import io.tenancycore.workflow.events.BusEvents;
import io.tenancycore.workflow.testing.Docs;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.junit.jupiter.api.Test;

/**
 * {@code emit} and {@code listen} with the channels in memory: the in-memory connector stands in for Kafka, so the
 * test forwards what a workflow emitted (the {@code tenancy.events.*} messages of the producer channel) to the two
 * listening channels, as the broker would. The real broker: {@code EmitListenIT}.
 */
@QuarkusTest
class EmitListenTest {

    private static final String LISTENER = """
            - wait:
                listen:
                  to:
                    one:
                      with:
                        type: io.example.ping
            """;

    @Inject
    @Any
    InMemoryConnector connector;

    private List<Message<?>> emitted(String tenant) {
        List<Message<?>> published = new java.util.ArrayList<>();
        for (Message<?> message : connector.sink(EventPublisher.CHANNEL).received()) {
            if (message.getMetadata(OutgoingKafkaRecordMetadata.class)
                    .map(k -> k.getTopic() != null && k.getTopic().startsWith("tenancy.events.")
                            && tenant.equals(k.getKey()))
                    .orElse(false)) {
                published.add(message);
            }
        }
        return published;
    }

    /** What the broker does: the published records reach both consumer channels. */
    private void forward(Message<?> message, boolean live, boolean kept) {
        if (live) {
            connector.source(BusEvents.LIVE).send(Message.of(message.getPayload(), message.getMetadata()));
        }
        if (kept) {
            connector.source(BusEvents.KEPT).send(Message.of(message.getPayload(), message.getMetadata()));
        }
    }

    /** An event published through the gateway's API: its tenant, type and data as a client sends them. */
    private static Message<byte[]> published(String tenant, String type, String json) {
        var event = OutgoingCloudEventMetadata.<byte[]>builder().withId(UUID.randomUUID().toString())
                .withSource(URI.create("https://client.example/app")).withType(type)
                .withDataContentType(CloudEvents.JSON).withExtension(CloudEvents.TENANT_EXTENSION, tenant).build();
        return Message.of(json.getBytes(StandardCharsets.UTF_8), Metadata.of(event,
                OutgoingKafkaRecordMetadata.<String>builder().withTopic(Topics.EVENTS_NORMAL).withKey(tenant).build()));
    }

    private static void awaitListening(String tenant, String id) {
        await().atMost(Duration.ofSeconds(20)).until(() -> "running".equals(task(instance(tenant, id), "wait")
                .get("status")));
    }

    @Test
    void anEmittedEventGoesToTheBusAndWakesOnlyListenersOfTheSameTenant() {
        String tenantA = Docs.tenant();
        String tenantB = Docs.tenant();
        // B's event names A as its tenant: the stamp replaces it with B
        String emitter = """
                - ping:
                    emit:
                      event:
                        with:
                          source: https://example.io/pinger
                          type: io.example.ping
                          tenantid: %s
                          priority: high
                          data:
                            from: ${ .from }
                """;
        define(tenantA, "listener", LISTENER);
        define(tenantB, "listener", LISTENER);
        define(tenantB, "emitter", emitter.formatted(tenantA));
        String listensA = start(tenantA, "{\"definition\":\"listener\"}");
        String listensB = start(tenantB, "{\"definition\":\"listener\"}");
        awaitListening(tenantA, listensA);
        awaitListening(tenantB, listensB);

        awaitStatus(tenantB, start(tenantB, "{\"definition\":\"emitter\",\"input\":{\"from\":\"b\"}}"), "completed");
        List<Message<?>> sent = emitted(tenantB);
        assertEquals(1, sent.size(), "one record, keyed by B");
        assertTrue(emitted(tenantA).isEmpty(), "nothing published as A");
        Message<?> record = sent.get(0);
        assertEquals(Topics.EVENTS_HIGH, record.getMetadata(OutgoingKafkaRecordMetadata.class).orElseThrow().getTopic());
        var attributes = record.getMetadata(OutgoingCloudEventMetadata.class).orElseThrow();
        assertEquals("io.example.ping", attributes.getType());
        assertEquals(URI.create("https://example.io/pinger"), attributes.getSource());
        assertEquals(tenantB, attributes.getExtension(CloudEvents.TENANT_EXTENSION).orElseThrow());
        assertEquals("running", instance(tenantB, listensB).getString("status"),
                "nothing is heard before it comes back from the bus");

        forward(record, true, true);
        JsonPath heardB = awaitStatus(tenantB, listensB, "completed");
        assertTrue(heardB.prettify().contains("\"from\": \"b\""), heardB.prettify());
        assertEquals("running", instance(tenantA, listensA).getString("status"), "A heard B's event");

        connector.source(BusEvents.LIVE).send(published(tenantA, "io.example.ping", "{\"from\":\"gateway\"}"));
        JsonPath heardA = awaitStatus(tenantA, listensA, "completed");
        assertTrue(heardA.prettify().contains("\"from\": \"gateway\""), heardA.prettify());
    }

    @Test
    void aListenGetsKeptEventsItDidNotHearLiveOnceEachAndOnlyItsTenants() {
        String tenant = Docs.tenant();
        String other = Docs.tenant();
        define(tenant, "listener", """
                - wait:
                    listen:
                      to:
                        all:
                          - with:
                              type: io.example.ping
                          - with:
                              type: io.example.pong
                """);
        String id = start(tenant, "{\"definition\":\"listener\"}");
        awaitListening(tenant, id);

        // kept only (as if this replica's live consumer had not read them yet): another tenant's, then its own
        connector.source(BusEvents.KEPT).send(published(other, "io.example.pong", "{\"n\":0}"));
        Message<byte[]> ping = published(tenant, "io.example.ping", "{\"n\":1}");
        connector.source(BusEvents.KEPT).send(ping);
        connector.source(BusEvents.LIVE).send(ping);
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                .until(() -> "running".equals(instance(tenant, id).getString("status")));
        connector.source(BusEvents.KEPT).send(published(tenant, "io.example.pong", "{\"n\":2}"));

        JsonPath done = awaitStatus(tenant, id, "completed");
        List<Object> heard = done.getList("output.n");
        assertEquals(List.of(1, 2), heard.stream().sorted().toList(), "each event once, the other tenant's never: "
                + done.prettify());
        assertFalse(done.prettify().contains("\"n\": 0"));
    }
}

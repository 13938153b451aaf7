package io.tenancycore.commons.events.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tenancycore.commons.events.ChannelReadiness;
import io.tenancycore.commons.events.CloudEvents;
import io.tenancycore.commons.events.Priority;
import io.tenancycore.commons.events.Topics;
import io.tenancycore.commons.testsupport.Infra;
import io.tenancycore.commons.testsupport.TopicTail;
import io.tenancycore.commons.wiring.InfraTestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** In-process handlers over the real broker: filters, priorities, retries and the dead-letter topic. */
@QuarkusTest
@TestProfile(InfraTestProfile.class)
class EventHandlerIT {

    @Inject
    ChannelReadiness readiness;
    @Inject
    RecordingHandlers.OrderHandler orders;
    @Inject
    RecordingHandlers.FlakyHandler flaky;
    @Inject
    RecordingHandlers.BrokenHandler broken;

    @BeforeEach
    void channelsAreAssigned() throws InterruptedException {
        for (String channel : List.of(EventHandlerDispatcher.HIGH, EventHandlerDispatcher.NORMAL,
                EventHandlerDispatcher.LOW)) {
            assertTrue(readiness.awaitAssignment(channel, Infra.TIMEOUT), channel);
        }
    }

    private static CloudEvent event(String tenant, String type, Priority priority) {
        return CloudEventBuilder.v1().withId(UUID.randomUUID().toString()).withSource(URI.create("/orders"))
                .withType(type).withExtension(CloudEvents.TENANT_EXTENSION, tenant)
                .withExtension(Priority.EXTENSION, priority.wireName())
                .withDataContentType("application/json").withData("{\"order\":42}".getBytes(StandardCharsets.UTF_8))
                .build();
    }

    private static CloudEvent send(String tenant, String type, Priority priority) {
        CloudEvent event = event(tenant, type, priority);
        Infra.send(priority.topic(), tenant, event);
        return event;
    }

    @Test
    void aHandlerGetsTheEventsOfItsFilterAndPrioritiesWithTheirTenant() {
        String tenant = "t" + UUID.randomUUID().toString().substring(0, 8);
        // one key, so one partition per topic: each topic's events are handled in the order they were sent
        CloudEvent low = send(tenant, "order.archived", Priority.LOW);
        CloudEvent lowMarker = send(tenant, "flaky.once", Priority.LOW);
        CloudEvent other = send(tenant, "invoice.paid", Priority.NORMAL);
        CloudEvent created = send(tenant, "order.created", Priority.NORMAL);
        CloudEvent urgent = send(tenant, "order.cancelled", Priority.HIGH);

        Awaitility.await().atMost(Infra.TIMEOUT).until(() -> ids().containsAll(List.of(created.getId(),
                urgent.getId())) && flaky.attempts.containsKey(lowMarker.getId()));
        // the low order event and the normal invoice came before events the handlers did take: they were passed over
        assertTrue(!ids().contains(low.getId()) && !ids().contains(other.getId()), ids().toString());
        BusEvent seen = orders.seen.stream().filter(e -> e.id().equals(created.getId())).findFirst().orElseThrow();
        assertEquals("order.created", seen.eventType());
        assertEquals(tenant, seen.tenantId());
        assertEquals(Priority.NORMAL, seen.priority());
        assertEquals(42, seen.data().get("order").asInt());
    }

    @Test
    void aFailingHandlerIsRetried() {
        CloudEvent event = send("t" + UUID.randomUUID().toString().substring(0, 8), "flaky.once", Priority.HIGH);
        Awaitility.await().atMost(Infra.TIMEOUT).until(() -> flaky.attempts.containsKey(event.getId())
                && flaky.attempts.get(event.getId()).get() == 2);
    }

    @Test
    void anEventAHandlerNeverTakesIsDeadLetteredAndThePartitionMovesOn() {
        String tenant = "t" + UUID.randomUUID().toString().substring(0, 8);
        try (TopicTail deadLetters = new TopicTail(Topics.EVENTS_DLQ)) {
            int before = broken.attempts.get();
            CloudEvent doomed = send(tenant, "broken.always", Priority.NORMAL);
            CloudEvent next = send(tenant, "order.created", Priority.NORMAL);

            ConsumerRecord<String, byte[]> dead = deadLetters.await(record -> {
                var id = record.headers().lastHeader("ce_id");
                return id != null && doomed.getId().equals(new String(id.value(), StandardCharsets.UTF_8));
            });
            assertNotNull(dead.headers().lastHeader("dead-letter-reason"));
            assertTrue(new String(dead.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8)
                    .contains("the downstream system is gone"));
            // one attempt and the configured retries
            assertTrue(broken.attempts.get() - before >= 4, "attempts: " + (broken.attempts.get() - before));
            Awaitility.await().atMost(Infra.TIMEOUT).until(() -> ids().contains(next.getId()));
        }
    }

    private List<String> ids() {
        return orders.seen.stream().map(BusEvent::id).toList();
    }
}

package io.tenancycore.commons.events;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.testsupport.Infra;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EventSubscriptionsIT {

    private static final ConsumerSettings FAST_RETRIES = new ConsumerSettings(3, Duration.ofMillis(50),
            Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofMillis(100));

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private CloudEventPublisher publisher;
    private String app;

    @BeforeEach
    void setUp() {
        app = "subs-it-" + UUID.randomUUID().toString().substring(0, 8);
        publisher = CloudEventPublisher.create(Infra.kafka(), app, Infra.mapper(), registry, Duration.ofSeconds(10));
        closeables.add(publisher);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
    }

    @Test
    void broadcastDeliversEveryRecordToEveryReplica() throws Exception {
        String topic = Infra.freshTopic("broadcast", 3);
        Map<String, Set<String>> seenByReplica = new ConcurrentHashMap<>();
        for (String instance : List.of("replica-a", "replica-b")) {
            Set<String> seen = ConcurrentHashMap.newKeySet();
            seenByReplica.put(instance, seen);
            SubscriptionHandle handle = replica(instance, FAST_RETRIES).subscribe(
                    Subscription.broadcast("invalidation", recordingInto(seen), topic));
            assertTrue(handle.awaitAssignment(Infra.TIMEOUT));
            assertEquals(app + "-" + instance + ".invalidation", handle.groupId());
        }

        Set<String> published = publishEvents(topic, 6);

        await().atMost(Infra.TIMEOUT).untilAsserted(() -> {
            assertEquals(published, seenByReplica.get("replica-a"));
            assertEquals(published, seenByReplica.get("replica-b"));
        });
    }

    @Test
    void workSharesRecordsSoEachIsHandledOnce() throws Exception {
        String topic = Infra.freshTopic("work", 3);
        Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> perReplica = new ConcurrentHashMap<>();
        List<SubscriptionHandle> handles = new ArrayList<>();
        for (String instance : List.of("replica-a", "replica-b")) {
            AtomicInteger handledHere = new AtomicInteger();
            perReplica.put(instance, handledHere);
            handles.add(replica(instance, FAST_RETRIES).subscribe(Subscription.work("jobs", event -> {
                deliveries.computeIfAbsent(event.getId(), id -> new AtomicInteger()).incrementAndGet();
                handledHere.incrementAndGet();
                return Uni.createFrom().voidItem();
            }, topic)));
        }
        for (SubscriptionHandle handle : handles) {
            assertTrue(handle.awaitAssignment(Infra.TIMEOUT));
            assertEquals(app + ".jobs", handle.groupId());
        }
        awaitGroupMembers(app + ".jobs", 2);

        Set<String> published = publishEvents(topic, 40);

        await().atMost(Infra.TIMEOUT).until(() -> deliveries.keySet().containsAll(published));
        Thread.sleep(500); // a duplicate would arrive within this grace period
        assertEquals(published, deliveries.keySet());
        deliveries.forEach((id, count) -> assertEquals(1, count.get(), "deliveries of " + id));
        assertTrue(perReplica.get("replica-a").get() > 0 && perReplica.get("replica-b").get() > 0,
                "both replicas took a share: " + perReplica);
    }

    @Test
    void failedHandlerIsRetriedAndTheOffsetCommittedOnlyAfterSuccess() throws Exception {
        String topic = Infra.freshTopic("retry", 1);
        List<String> attempts = new CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        SubscriptionHandle handle = replica("replica-a", FAST_RETRIES).subscribe(Subscription.work("flaky", event -> {
            attempts.add(event.getId());
            return calls.incrementAndGet() == 1
                    ? Uni.createFrom().failure(new IllegalStateException("transient"))
                    : Uni.createFrom().voidItem();
        }, topic));
        assertTrue(handle.awaitAssignment(Infra.TIMEOUT));

        String first = publishEvents(topic, 1).iterator().next();
        await().atMost(Infra.TIMEOUT).until(() -> attempts.size() == 2);
        assertEquals(List.of(first, first), attempts, "the same event is delivered again after the failure");

        await().atMost(Infra.TIMEOUT).until(() -> committedOffset(handle.groupId(), topic) == 1L);
        assertEquals(1.0, consumed(topic, "success"));
    }

    @Test
    void exhaustedRetriesAreCountedAndTheSubscriptionMovesOn() throws Exception {
        String topic = Infra.freshTopic("poison", 1);
        List<String> handled = new CopyOnWriteArrayList<>();
        AtomicInteger poisonAttempts = new AtomicInteger();
        SubscriptionHandle handle = replica("replica-a", FAST_RETRIES).subscribe(Subscription.work("poison", event -> {
            if ("poison".equals(event.getSubject())) {
                poisonAttempts.incrementAndGet();
                throw new IllegalArgumentException("cannot handle");
            }
            handled.add(event.getSubject());
            return Uni.createFrom().voidItem();
        }, topic));
        assertTrue(handle.awaitAssignment(Infra.TIMEOUT));

        publish(topic, "poison");
        publish(topic, "healthy");
        sendRaw(topic, "not a cloud event");
        publish(topic, "after-garbage");

        await().atMost(Infra.TIMEOUT).until(() -> handled.size() == 2);
        assertEquals(List.of("healthy", "after-garbage"), handled);
        assertEquals(FAST_RETRIES.maxAttempts(), poisonAttempts.get());
        assertEquals(1.0, consumed(topic, "failed"));
        assertEquals(1.0, consumed(topic, "malformed"));
        await().atMost(Infra.TIMEOUT).until(() -> committedOffset(handle.groupId(), topic) == 4L);
    }

    @Test
    void recordNotHandledBeforeAReplicaStopsGoesToAnotherReplica() throws Exception {
        String topic = Infra.freshTopic("handover", 1);
        ConsumerSettings patient = new ConsumerSettings(1000, Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(5), Duration.ofMillis(100));
        List<String> failedOnA = new CopyOnWriteArrayList<>();
        EventSubscriptions replicaA = replica("replica-a", patient);
        SubscriptionHandle onA = replicaA.subscribe(Subscription.work("handover", event -> {
            failedOnA.add(event.getId());
            return Uni.createFrom().failure(new IllegalStateException("dependency down"));
        }, topic));
        assertTrue(onA.awaitAssignment(Infra.TIMEOUT));
        String id = publishEvents(topic, 1).iterator().next();
        await().atMost(Infra.TIMEOUT).until(() -> !failedOnA.isEmpty());
        replicaA.close();

        Set<String> seenOnB = ConcurrentHashMap.newKeySet();
        replica("replica-b", patient).subscribe(Subscription.work("handover", recordingInto(seenOnB), topic));
        await().atMost(Infra.TIMEOUT).until(() -> seenOnB.contains(id));
    }

    @Test
    void subscriptionNamesAreUniquePerReplica() {
        EventSubscriptions replica = replica("replica-a", FAST_RETRIES);
        replica.subscribe(Subscription.broadcast("twice", recordingInto(ConcurrentHashMap.newKeySet()), "it.twice"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> replica.subscribe(
                Subscription.broadcast("twice", recordingInto(ConcurrentHashMap.newKeySet()), "it.twice")));
    }

    private EventSubscriptions replica(String instanceId, ConsumerSettings settings) {
        EventSubscriptions subscriptions = new EventSubscriptions(Infra.kafka(), app, instanceId, settings, registry);
        closeables.add(subscriptions);
        return subscriptions;
    }

    private static Function<CloudEvent, Uni<Void>> recordingInto(Set<String> ids) {
        return event -> {
            ids.add(event.getId());
            return Uni.createFrom().voidItem();
        };
    }

    private Set<String> publishEvents(String topic, int count) throws Exception {
        Set<String> ids = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < count; i++) {
            CloudEvent event = publisher.newEvent("tenant" + i, "io.tenancycore.test.ping", "n" + i, Map.of("n", i));
            publisher.publish(topic, "tenant" + i, event, null).await().atMost(Infra.TIMEOUT);
            ids.add(event.getId());
        }
        return ids;
    }

    private void publish(String topic, String subject) {
        publisher.publish(topic, "acme", "io.tenancycore.test.job", subject, Map.of(), null).await()
                .atMost(Infra.TIMEOUT);
    }

    private void sendRaw(String topic, String value) throws Exception {
        try (KafkaProducer<String, byte[]> raw = Infra.kafka().producer("it-raw", Duration.ofSeconds(10))) {
            raw.send(new ProducerRecord<>(topic, "acme", value.getBytes())).get();
        }
    }

    private double consumed(String topic, String outcome) {
        var counter = registry.find("tenancy.events.consumed").tag("topic", topic).tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private static long committedOffset(String groupId, String topic) throws Exception {
        try (Admin admin = Infra.kafka().admin("it-offsets", Infra.TIMEOUT)) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata().get();
            OffsetAndMetadata offset = offsets.get(new TopicPartition(topic, 0));
            return offset == null ? -1 : offset.offset();
        }
    }

    private static void awaitGroupMembers(String groupId, int members) {
        await().atMost(Infra.TIMEOUT).until(() -> {
            try (Admin admin = Infra.kafka().admin("it-groups", Infra.TIMEOUT)) {
                var description = admin.describeConsumerGroups(List.of(groupId)).all().get().get(groupId);
                return description.members().size() == members
                        && description.members().stream().allMatch(m -> !m.assignment().topicPartitions().isEmpty())
                        && "STABLE".equals(description.groupState().name());
            }
        });
    }
}

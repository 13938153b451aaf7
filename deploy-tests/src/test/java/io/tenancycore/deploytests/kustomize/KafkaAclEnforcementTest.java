package io.tenancycore.deploytests.kustomize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * k8s/base's KafkaUsers enforced by a real broker (AclBroker): every writer of DESIGN's table produces the way the
 * services do (idempotent, acks=all: no IdempotentWrite grant is needed), the readers consume in their own groups,
 * and what the table does not allow is refused: reading the audit log for anyone but security-service, writing
 * another service's topic, a group outside the service's prefixes, creating a topic.
 */
class KafkaAclEnforcementTest {

    @TempDir
    static Path dir;
    static AclBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        AclBroker.kafkaLib();
        broker = AclBroker.start(dir, Overlays.render("base"));
    }

    @AfterAll
    static void stopBroker() throws InterruptedException {
        if (broker != null) {
            broker.close();
        }
    }

    KafkaProducer<String, String> producer(String service) {
        Map<String, Object> config = broker.client(service);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    KafkaConsumer<String, String> consumer(String service, String group) {
        Map<String, Object> config = broker.client(service);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }

    @Test
    void everyWriterOfTheTableProducesIdempotently() throws Exception {
        for (String service : KafkaAclTest.ACCESS.services()) {
            try (KafkaProducer<String, String> producer = producer(service)) {
                for (TopicAccess.Topic topic : KafkaAclTest.ACCESS.topics().values()) {
                    if (topic.writers().contains(service)) {
                        producer.send(new ProducerRecord<>(topic.name(), "acme", "from " + service))
                                .get(20, TimeUnit.SECONDS);
                    }
                }
            }
        }
    }

    @Test
    void writingAnotherServicesTopicIsRefused() {
        for (List<String> attempt : List.of(List.of("template-service", "tenancy.tenants"),
                List.of("config-service", "tenancy.security-changes"), List.of("alert-service", "tenancy.events.high"),
                List.of("event-gateway", "tenancy.audit.dlq"))) {
            try (KafkaProducer<String, String> producer = producer(attempt.get(0))) {
                ExecutionException e = assertThrows(ExecutionException.class, () -> producer.send(
                        new ProducerRecord<>(attempt.get(1), "acme", "x")).get(20, TimeUnit.SECONDS),
                        attempt.toString());
                assertInstanceOf(TopicAuthorizationException.class, e.getCause(), attempt.toString());
            }
        }
    }

    @Test
    void onlySecurityServiceReadsTheAuditLog() throws Exception {
        String marker = "audit-" + System.nanoTime();
        try (KafkaProducer<String, String> producer = producer("alert-service")) {
            producer.send(new ProducerRecord<>("tenancy.audit", "acme", marker)).get(20, TimeUnit.SECONDS);
        }
        try (KafkaConsumer<String, String> consumer = consumer("security-service", "security-service.audit-store")) {
            consumer.subscribe(List.of("tenancy.audit"));
            assertTrue(poll(consumer, marker), "security-service did not read the audit record");
        }
        for (String service : List.of("config-service", "event-gateway", "workflow-service")) {
            try (KafkaConsumer<String, String> consumer = consumer(service, service + ".audit-peek")) {
                consumer.subscribe(List.of("tenancy.audit"));
                assertThrows(TopicAuthorizationException.class, () -> poll(consumer, marker), service);
            }
        }
    }

    @Test
    void perReplicaGroupsWorkAndForeignGroupsAreRefused() throws Exception {
        String marker = "signal-" + System.nanoTime();
        try (KafkaProducer<String, String> producer = producer("config-service")) {
            producer.send(new ProducerRecord<>("tenancy.config-changes", "acme", marker)).get(20, TimeUnit.SECONDS);
        }
        try (KafkaConsumer<String, String> consumer = consumer("template-service",
                "template-service-pod-7f9c.config-changes")) {
            consumer.subscribe(List.of("tenancy.config-changes"));
            assertTrue(poll(consumer, marker), "a per-replica group could not read");
        }
        for (List<String> attempt : List.of(List.of("alert-service", "alert-signals"),
                List.of("alert-service", "security-service.audit-store"))) {
            try (KafkaConsumer<String, String> consumer = consumer(attempt.get(0), attempt.get(1))) {
                consumer.subscribe(List.of("tenancy.config-changes"));
                assertThrows(GroupAuthorizationException.class, () -> poll(consumer, marker), attempt.toString());
            }
        }
    }

    @Test
    void servicesCannotCreateTopics() {
        try (Admin admin = broker.admin("workflow-service")) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> admin.createTopics(List.of(
                    new NewTopic("tenancy.rogue", 1, (short) 1))).all().get(20, TimeUnit.SECONDS));
            assertInstanceOf(TopicAuthorizationException.class, e.getCause());
        }
    }

    @Test
    void anUnknownUserGetsNothing() {
        Map<String, Object> config = broker.client("event-gateway");
        config.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                + "username=\"event-gateway\" password=\"not-the-password\";");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            Exception e = assertThrows(Exception.class, () -> producer.send(new ProducerRecord<>("tenancy.events.high",
                    "acme", "x")).get(20, TimeUnit.SECONDS));
            String chain = causes(e);
            assertTrue(chain.contains("Authentication"), chain);
        }
    }

    /** Polls until a record with this value arrives (true) or 20 s pass (false); authorization errors propagate. */
    static boolean poll(KafkaConsumer<String, String> consumer, String value) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                if (value.equals(record.value())) {
                    return true;
                }
            }
        }
        return false;
    }

    static String causes(Throwable e) {
        List<String> names = new ArrayList<>();
        for (Throwable t = e; t != null && names.size() < 10; t = t.getCause()) {
            names.add(t.getClass().getSimpleName() + ": " + t.getMessage());
        }
        return String.join(" <- ", names);
    }
}

package io.tenancycore.commons.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.tenancycore.commons.events.TopicProvisioner;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Where the real infrastructure of integration tests lives; CI redirects it with system properties. */
public final class Infra {

    public static final Duration TIMEOUT = Duration.ofSeconds(20);

    /** Held so the level sticks: Kafka clients log every config at INFO, which buries test output. */
    private static final java.util.logging.Logger KAFKA_LOGGER = quiet("org.apache.kafka");

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(java.util.logging.Level.WARNING);
        return logger;
    }

    private Infra() {
    }

    public static String kafkaBootstrapServers() {
        return System.getProperty("kafka.bootstrap.servers", "localhost:9092");
    }

    public static String redisUrl() {
        return System.getProperty("redis.url", "redis://localhost:6379");
    }

    /** An admin client of the test broker; close it. */
    public static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis()));
    }

    /** Creates the topics that do not exist yet. */
    public static void ensureTopics(List<String> topics, int partitions) {
        try (Admin admin = admin()) {
            new TopicProvisioner(admin, TIMEOUT).ensure(topics, partitions, (short) 1);
        }
    }

    public static ObjectMapper mapper() {
        return JsonMapper.builder().findAndAddModules().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .build();
    }

    /** Whether the consumer group has committed every record currently on the topic (it read them all). */
    public static boolean committedUpToEnd(String groupId, String topic) throws Exception {
        try (Admin admin = admin()) {
            var committed = admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
            var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions();
            var latest = admin.listOffsets(partitions.stream().collect(java.util.stream.Collectors.toMap(
                    p -> new org.apache.kafka.common.TopicPartition(topic, p.partition()),
                    p -> org.apache.kafka.clients.admin.OffsetSpec.latest()))).all().get();
            return latest.entrySet().stream().allMatch(end -> end.getValue().offset() == 0
                    || (committed.get(end.getKey()) != null
                            && committed.get(end.getKey()).offset() >= end.getValue().offset()));
        }
    }

    private static org.apache.kafka.clients.producer.KafkaProducer<String, byte[]> producer;

    /** One raw producer per test JVM (creating one per record would cost a metadata round trip each time). */
    private static synchronized org.apache.kafka.clients.producer.KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = new org.apache.kafka.clients.producer.KafkaProducer<>(Map.<String, Object>of(
                    org.apache.kafka.clients.producer.ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrapServers()),
                    new org.apache.kafka.common.serialization.StringSerializer(),
                    new org.apache.kafka.common.serialization.ByteArraySerializer());
            Runtime.getRuntime().addShutdownHook(new Thread(producer::close));
        }
        return producer;
    }

    /** Sends a record as it is (e.g. one no service would write), waiting for the broker's acknowledgement. */
    public static void send(org.apache.kafka.clients.producer.ProducerRecord<String, byte[]> record) {
        try {
            producer().send(record).get(TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not send to " + record.topic(), e);
        }
    }

    /** Sends a ready-made CloudEvent in binary mode (a redelivery keeps its id). */
    public static void send(String topic, String key, io.cloudevents.CloudEvent event) {
        send(io.cloudevents.kafka.KafkaMessageFactory.<String>createWriter(topic, key).writeBinary(event));
    }

    /** A fresh topic per test, so runs never see each other's records. */
    public static String freshTopic(String purpose, int partitions) {
        String topic = "it." + purpose + "." + UUID.randomUUID();
        ensureTopics(List.of(topic), partitions);
        return topic;
    }

    /** A raw consumer reading a topic from the beginning, to look at records exactly as they are on the wire. */
    public static KafkaConsumer<String, byte[]> rawConsumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "it-raw-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer());
    }
}

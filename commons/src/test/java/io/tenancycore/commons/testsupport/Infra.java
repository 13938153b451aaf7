package io.tenancycore.commons.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.tenancycore.commons.events.KafkaClientFactory;
import io.tenancycore.commons.events.TopicProvisioner;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
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

    public static KafkaClientFactory kafka() {
        return KafkaClientFactory.forBootstrapServers(kafkaBootstrapServers());
    }

    public static ObjectMapper mapper() {
        return JsonMapper.builder().findAndAddModules().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .build();
    }

    /** A fresh topic per test, so runs never see each other's records. */
    public static String freshTopic(String purpose, int partitions) {
        String topic = "it." + purpose + "." + UUID.randomUUID();
        try (Admin admin = kafka().admin("it-admin", TIMEOUT)) {
            new TopicProvisioner(admin, TIMEOUT).ensure(List.of(topic), partitions, (short) 1);
        }
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

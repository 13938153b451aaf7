package io.tenancycore.commons.events;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Builds Kafka clients from the application's {@code kafka.*} configuration (connection, TLS, SASL), adding the
 * settings the platform's delivery guarantees depend on.
 */
public final class KafkaClientFactory {

    public static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092";

    /** Keys of the shared map that belong to one client role and must not leak into the others. */
    private static final Set<String> ROLE_SPECIFIC_KEYS = Set.of(ConsumerConfig.GROUP_ID_CONFIG,
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);

    private final Map<String, Object> connection;

    public KafkaClientFactory(Map<String, Object> kafkaConfig) {
        Map<String, Object> copy = new HashMap<>(kafkaConfig);
        ROLE_SPECIFIC_KEYS.forEach(copy::remove);
        copy.putIfAbsent(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, DEFAULT_BOOTSTRAP_SERVERS);
        this.connection = Map.copyOf(copy);
    }

    public static KafkaClientFactory forBootstrapServers(String bootstrapServers) {
        return new KafkaClientFactory(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    public String bootstrapServers() {
        return String.valueOf(connection.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG));
    }

    /** Idempotent, {@code acks=all}: a retried send never duplicates or reorders records of one partition. */
    public KafkaProducer<String, byte[]> producer(String clientId, Duration maxBlock) {
        Map<String, Object> config = new HashMap<>(connection);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) maxBlock.toMillis());
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    /** Manual commits only: offsets advance after the handler succeeded (at-least-once). */
    public KafkaConsumer<String, byte[]> consumer(String groupId, String clientId, String autoOffsetReset) {
        Map<String, Object> config = new HashMap<>(connection);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, autoOffsetReset);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    public Admin admin(String clientId, Duration requestTimeout) {
        Map<String, Object> config = new HashMap<>(connection);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) requestTimeout.toMillis());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) requestTimeout.toMillis());
        return Admin.create(config);
    }
}

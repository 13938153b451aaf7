package io.tenancycore.systemtests;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** What the suite's Kafka broker holds on a topic right now (committed records, from the beginning to the end). */
final class SuiteTopics {

    private SuiteTopics() {
    }

    /** The headers (first value of each, as text) of every record on {@code topic} whose key is {@code key}. */
    static List<Map<String, String>> headersOfRecordsKeyed(String topic, String key) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, System.getProperty("kafka.bootstrap.servers",
                "localhost:9092"));
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<Map<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
                    if (key.equals(record.key())) {
                        Map<String, String> headers = new HashMap<>();
                        record.headers().forEach(h -> headers.putIfAbsent(h.key(),
                                new String(h.value(), StandardCharsets.UTF_8)));
                        found.add(headers);
                    }
                }
            }
        }
        return found;
    }

    /** Every CloudEvent id ({@code ce_id}) of {@code tenant} (the record key) on {@code topic}, with how often. */
    static Map<String, Integer> eventIds(String topic, String tenant) {
        Map<String, Integer> ids = new HashMap<>();
        for (Map<String, String> headers : headersOfRecordsKeyed(topic, tenant)) {
            String id = headers.get("ce_id");
            if (id != null) {
                ids.merge(id, 1, Integer::sum);
            }
        }
        return ids;
    }

    /** How many of the records (their headers) are CloudEvents of {@code type} about {@code subject}. */
    static long cloudEvents(List<Map<String, String>> records, String type, String subject) {
        return records.stream()
                .filter(h -> type.equals(h.get("ce_type")) && subject.equals(h.get("ce_subject")))
                .count();
    }
}

package io.tenancycore.security.support;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads a shared topic from "now" on, for tests that must find their own record among other traffic.
 * Create it before the action under test.
 */
public final class TopicTail implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer = Infra.rawConsumer();
    private final java.util.ArrayDeque<ConsumerRecord<String, byte[]>> pending = new java.util.ArrayDeque<>();

    public TopicTail(String topic) {
        this(topic, false);
    }

    private TopicTail(String topic, boolean fromBeginning) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Infra.TIMEOUT).stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .toList();
        consumer.assign(partitions);
        if (fromBeginning) {
            consumer.seekToBeginning(partitions);
        } else {
            consumer.seekToEnd(partitions);
        }
        partitions.forEach(consumer::position);
    }

    /** Reads the whole topic, for records that were published before the test looked. */
    public static TopicTail fromBeginning(String topic) {
        return new TopicTail(topic, true);
    }

    /** The next matching record; the records polled after it stay for the next call. */
    public ConsumerRecord<String, byte[]> await(Predicate<ConsumerRecord<String, byte[]>> matching) {
        long deadline = System.nanoTime() + Infra.TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (pending.isEmpty()) {
                consumer.poll(Duration.ofMillis(200)).forEach(pending::add);
            }
            while (!pending.isEmpty()) {
                ConsumerRecord<String, byte[]> record = pending.poll();
                if (matching.test(record)) {
                    return record;
                }
            }
        }
        throw new AssertionError("no matching record within " + Infra.TIMEOUT);
    }

    /** The next records, waiting at most {@code timeout} (not thread-safe: one reader). */
    public Iterable<ConsumerRecord<String, byte[]>> poll(Duration timeout) {
        return consumer.poll(timeout);
    }

    /** Asserts that no matching record shows up within the given time. */
    public void assertNone(Predicate<ConsumerRecord<String, byte[]>> matching, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                if (matching.test(record)) {
                    throw new AssertionError("unexpected record " + record);
                }
            }
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}

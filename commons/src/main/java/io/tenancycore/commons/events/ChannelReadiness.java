package io.tenancycore.commons.events;

import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * Whether an incoming Kafka channel owns partitions yet. An every-replica channel starts at the latest offset when it
 * gets its partitions, so events sent before that are not seen: tests and callers that must not miss one wait here.
 */
@ApplicationScoped
public class ChannelReadiness {

    private static final Duration POLL = Duration.ofMillis(100);

    @Inject
    KafkaClientService clients;

    /** @return true once the channel has partitions (or does not run on Kafka, e.g. in-memory unit tests) */
    public boolean awaitAssignment(String channel, Duration timeout) throws InterruptedException {
        if (!clients.getConsumerChannels().contains(channel)) {
            return true;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            KafkaConsumer<Object, Object> consumer = clients.getConsumer(channel);
            Set<TopicPartition> assigned = consumer == null ? Set.of()
                    : consumer.getAssignments().await().atMost(timeout);
            if (!assigned.isEmpty()) {
                return true;
            }
            Thread.sleep(POLL.toMillis());
        }
        return false;
    }
}

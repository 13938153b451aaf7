package io.tenancycore.security.support;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Hands every CloudEvent published on a topic from now on to {@code handler}, on a thread of its own: a component a
 * test builds by hand (a second replica, a provider) follows the real broker as its application's channel would.
 */
public final class TopicFeed implements AutoCloseable {

    private final TopicTail tail;
    private final Thread reader;
    private volatile boolean closed;

    public TopicFeed(String topic, Consumer<CloudEvent> handler) {
        this.tail = new TopicTail(topic);
        this.reader = new Thread(() -> {
            while (!closed) {
                tail.poll(Duration.ofMillis(100)).forEach(record -> {
                    if (record.headers().lastHeader("ce_type") != null) {
                        handler.accept(KafkaMessageFactory.createReader(record).toEvent());
                    }
                });
            }
        }, "topic-feed-" + topic);
        reader.setDaemon(true);
        reader.start();
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        reader.join(Duration.ofSeconds(5).toMillis());
        tail.close();
    }
}

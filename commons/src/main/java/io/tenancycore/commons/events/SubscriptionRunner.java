package io.tenancycore.commons.events;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * The poll loop of one subscription, on its own thread: records are handed to the handler one at a time, retried
 * with backoff, and a partition's offset is committed only once its records were handled (or given up on).
 */
final class SubscriptionRunner implements SubscriptionHandle, Runnable {

    private static final Logger LOG = Logger.getLogger(SubscriptionRunner.class);
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL_ERROR_BACKOFF = Duration.ofSeconds(1);

    private final Subscription subscription;
    private final String groupId;
    private final KafkaConsumer<String, byte[]> consumer;
    private final ConsumerSettings settings;
    private final MeterRegistry registry;
    private final CountDownLatch assigned = new CountDownLatch(1);
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final Thread thread;

    SubscriptionRunner(Subscription subscription, String groupId, KafkaConsumer<String, byte[]> consumer,
            ConsumerSettings settings, MeterRegistry registry) {
        this.subscription = subscription;
        this.groupId = groupId;
        this.consumer = consumer;
        this.settings = settings;
        this.registry = registry;
        this.thread = new Thread(this, "tenancy-events-" + subscription.name());
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    @Override
    public Subscription subscription() {
        return subscription;
    }

    @Override
    public String groupId() {
        return groupId;
    }

    @Override
    public boolean awaitAssignment(Duration timeout) throws InterruptedException {
        return assigned.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private boolean stopping() {
        return stopRequested.getCount() == 0;
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(subscription.topics(), new PositionResolvingListener());
            while (!stopping()) {
                pollOnce();
            }
        } catch (WakeupException stop) {
            // close() woke the consumer up
        } catch (RuntimeException e) {
            LOG.errorf(e, "subscription %s stopped unexpectedly", subscription.name());
        } finally {
            consumer.close();
        }
    }

    private void pollOnce() {
        ConsumerRecords<String, byte[]> records;
        try {
            records = consumer.poll(settings.pollTimeout());
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException e) {
            LOG.warnf("subscription %s: poll failed (%s), retrying", subscription.name(), e.toString());
            pause(POLL_ERROR_BACKOFF);
            return;
        }
        for (TopicPartition partition : records.partitions()) {
            long nextOffset = -1;
            for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
                if (!deliver(record)) {
                    break;
                }
                nextOffset = record.offset() + 1;
            }
            if (nextOffset >= 0) {
                commit(partition, nextOffset);
            }
            if (stopping()) {
                return;
            }
        }
    }

    /** @return false when the subscription stopped before the record was dealt with (it will be redelivered) */
    private boolean deliver(ConsumerRecord<String, byte[]> record) {
        CloudEvent event;
        try {
            event = KafkaMessageFactory.createReader(record).toEvent();
        } catch (RuntimeException e) {
            LOG.errorf("subscription %s: skipping %s-%d@%d, not a CloudEvent: %s", subscription.name(),
                    record.topic(), record.partition(), record.offset(), e.getMessage());
            count(record.topic(), "malformed");
            return true;
        }
        Optional<String> traceparent = TraceHeaders.read(record.headers());
        for (int attempt = 1;; attempt++) {
            try {
                handleWithMdc(event, traceparent);
                count(record.topic(), "success");
                return true;
            } catch (RuntimeException | Error e) {
                if (attempt >= settings.maxAttempts()) {
                    LOG.errorf(e, "subscription %s: giving up on event %s (%s) from %s-%d@%d after %d attempts",
                            subscription.name(), event.getId(), event.getType(), record.topic(), record.partition(),
                            record.offset(), attempt);
                    count(record.topic(), "failed");
                    return true;
                }
                LOG.warnf("subscription %s: attempt %d for event %s failed: %s", subscription.name(), attempt,
                        event.getId(), e.toString());
                if (pause(settings.backoffAfter(attempt))) {
                    return false;
                }
            }
        }
    }

    private void handleWithMdc(CloudEvent event, Optional<String> traceparent) {
        Object tenant = event.getExtension(CloudEventPublisher.TENANT_EXTENSION);
        traceparent.ifPresent(value -> {
            MDC.put(TraceHeaders.TRACEPARENT, value);
            TraceHeaders.traceId(value).ifPresent(traceId -> MDC.put(TraceHeaders.MDC_TRACE_ID, traceId));
        });
        if (tenant != null) {
            MDC.put("tenant_id", tenant.toString());
        }
        try {
            subscription.handler().apply(event).await().atMost(settings.handlerTimeout());
        } finally {
            MDC.remove(TraceHeaders.TRACEPARENT);
            MDC.remove(TraceHeaders.MDC_TRACE_ID);
            MDC.remove("tenant_id");
        }
    }

    private void commit(TopicPartition partition, long nextOffset) {
        try {
            consumer.commitSync(Map.of(partition, new OffsetAndMetadata(nextOffset)));
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException e) {
            // The partition moved to another member; it resumes from the last commit, so records repeat, never vanish.
            LOG.warnf("subscription %s: commit of %s@%d failed: %s", subscription.name(), partition, nextOffset,
                    e.toString());
        }
    }

    /** @return true if the subscription is stopping */
    private boolean pause(Duration duration) {
        try {
            return stopRequested.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private void count(String topic, String outcome) {
        Counter.builder("tenancy.events.consumed")
                .description("CloudEvents taken from Kafka by a subscription, by outcome (success, failed, malformed)")
                .tag("subscription", subscription.name())
                .tag("topic", topic)
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    @Override
    public void close() {
        if (stopping()) {
            return;
        }
        stopRequested.countDown();
        consumer.wakeup();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(JOIN_TIMEOUT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Resolves start positions while still inside the rebalance, so "latest" means "latest at assignment". */
    private final class PositionResolvingListener implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            for (TopicPartition partition : partitions) {
                consumer.position(partition);
            }
            LOG.debugf("subscription %s (group %s) assigned %s", subscription.name(), groupId, List.copyOf(partitions));
            assigned.countDown();
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // offsets are committed after every partition batch, nothing is pending here
        }
    }
}

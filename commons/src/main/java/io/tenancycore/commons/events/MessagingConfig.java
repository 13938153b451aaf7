package io.tenancycore.commons.events;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Tuning of the shared Kafka publisher and subscriptions ({@code tenancy.messaging.*}). */
@ConfigMapping(prefix = "tenancy.messaging")
public interface MessagingConfig {

    /** Attempts per record (first delivery included) before the record is counted as failed and skipped. */
    @WithDefault("5")
    int handlerMaxAttempts();

    @WithDefault("200ms")
    Duration retryInitialBackoff();

    @WithDefault("5s")
    Duration retryMaxBackoff();

    /** Upper bound for one handler invocation; a slower handler counts as a failed attempt. */
    @WithDefault("30s")
    Duration handlerTimeout();

    @WithDefault("500ms")
    Duration pollTimeout();

    /** How long a publish may wait for topic metadata before it fails (Kafka {@code max.block.ms}). */
    @WithDefault("10s")
    Duration publishMaxBlock();

    /** Time the readiness check waits for the cluster to answer. */
    @WithDefault("3s")
    Duration healthTimeout();

    @WithDefault("true")
    boolean healthEnabled();

    /** Create the platform topics at startup (local suite, tests); clusters managed by Strimzi leave this off. */
    @WithDefault("false")
    boolean provisionTopics();

    @WithDefault("3")
    int topicPartitions();

    @WithDefault("1")
    short topicReplicationFactor();

    default ConsumerSettings consumerSettings() {
        return new ConsumerSettings(handlerMaxAttempts(), retryInitialBackoff(), retryMaxBackoff(), handlerTimeout(),
                pollTimeout());
    }
}

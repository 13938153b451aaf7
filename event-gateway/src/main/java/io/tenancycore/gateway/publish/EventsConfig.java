package io.tenancycore.gateway.publish;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The event bus's publish API ({@code tenancy.gateway.events.*}). */
@ConfigMapping(prefix = "tenancy.gateway.events")
public interface EventsConfig {

    /** Events per {@code application/cloudevents-batch+json} request. */
    @WithDefault("500")
    int maxBatchSize();

    /**
     * How long a publish waits for Kafka's acknowledgement of every event before answering 503 (the producer's own
     * {@code delivery.timeout.ms} bounds its retries; this bounds the request).
     */
    @WithDefault("35s")
    Duration acknowledgementTimeout();
}

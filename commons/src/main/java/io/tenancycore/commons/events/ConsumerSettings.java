package io.tenancycore.commons.events;

import java.time.Duration;

/** Retry and polling behaviour of {@link EventSubscriptions}; plain values so tests and benchmarks need no CDI. */
public record ConsumerSettings(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration handlerTimeout,
        Duration pollTimeout) {

    public ConsumerSettings {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    public static ConsumerSettings defaults() {
        return new ConsumerSettings(5, Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofSeconds(30),
                Duration.ofMillis(500));
    }

    /** Exponential backoff before attempt {@code attempt + 1}, capped at {@link #maxBackoff()}. */
    public Duration backoffAfter(int attempt) {
        long factor = 1L << Math.min(attempt - 1, 20);
        Duration next = initialBackoff.multipliedBy(factor);
        return next.compareTo(maxBackoff) > 0 ? maxBackoff : next;
    }
}

package io.tenancycore.gateway.subscription;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;

/**
 * How a subscription's events are delivered (Knative Eventing's delivery spec, snake_case): after a failed attempt,
 * {@code retry} more, waiting {@code backoff_delay} (linear: delay × attempt; exponential: delay × 2^(attempt-1));
 * each attempt waits at most {@code timeout} for the sink's answer. Durations are ISO 8601 ({@code PT0.5S}).
 */
public record Delivery(Integer retry, @JsonProperty("backoff_policy") BackoffPolicy backoffPolicy,
        @JsonProperty("backoff_delay") @JsonFormat(shape = JsonFormat.Shape.STRING) Duration backoffDelay,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Duration timeout) {

    public enum BackoffPolicy {
        @JsonProperty("linear") LINEAR,
        @JsonProperty("exponential") EXPONENTIAL
    }

    public static final Delivery DEFAULTS = new Delivery(3, BackoffPolicy.EXPONENTIAL, Duration.ofSeconds(1),
            Duration.ofSeconds(10));

    /** The same settings with every absent one taken from {@link #DEFAULTS}. */
    public Delivery withDefaults() {
        return new Delivery(retry != null ? retry : DEFAULTS.retry,
                backoffPolicy != null ? backoffPolicy : DEFAULTS.backoffPolicy,
                backoffDelay != null ? backoffDelay : DEFAULTS.backoffDelay,
                timeout != null ? timeout : DEFAULTS.timeout);
    }

    /** The wait before retry number {@code retryNumber} (1 for the first retry). */
    public Duration delayBefore(int retryNumber) {
        Delivery settings = withDefaults();
        long base = settings.backoffDelay.toMillis();
        long millis = settings.backoffPolicy == BackoffPolicy.LINEAR ? base * retryNumber
                : base * (1L << Math.min(retryNumber - 1, 20));
        return Duration.ofMillis(millis);
    }
}

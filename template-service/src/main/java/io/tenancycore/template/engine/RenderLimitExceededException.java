package io.tenancycore.template.engine;

import java.util.Locale;

/**
 * A render was refused or cut off because it went past one of its {@link RenderLimits}. The message says which
 * limit and its value and is safe to show to the template's author; it never quotes the data.
 */
public class RenderLimitExceededException extends RuntimeException {

    public enum Limit {
        OUTPUT_SIZE, ITERATIONS, NODES, TIME,
        FORMAT_ARGUMENT_SIZE, NUMBER_DIGITS, NUMBER_EXPONENT, FRACTION_DIGITS,
        MESSAGE_PATTERN_SIZE, MESSAGE_PLACEHOLDERS, MESSAGE_ARGUMENT_SIZE;

        /** The name clients see, e.g. {@code output_size}. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Limit limit;
    private final long max;

    public RenderLimitExceededException(Limit limit, long max, String message) {
        super(message, null, false, false);
        this.limit = limit;
        this.max = max;
    }

    public Limit limit() {
        return limit;
    }

    /** The configured value of the limit that was hit. */
    public long max() {
        return max;
    }
}

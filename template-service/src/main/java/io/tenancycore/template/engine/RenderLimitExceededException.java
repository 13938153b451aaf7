package io.tenancycore.template.engine;

/** A render was cut off because it went past one of its {@link RenderLimits}. */
public class RenderLimitExceededException extends RuntimeException {

    public enum Limit {
        OUTPUT_SIZE, ITERATIONS, TIME
    }

    private final Limit limit;

    public RenderLimitExceededException(Limit limit, String message) {
        super(message, null, false, false);
        this.limit = limit;
    }

    public Limit limit() {
        return limit;
    }
}

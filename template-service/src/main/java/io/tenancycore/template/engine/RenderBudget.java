package io.tenancycore.template.engine;

import io.tenancycore.template.engine.RenderLimitExceededException.Limit;

/**
 * The remaining allowance of one render. Checked on every loop iteration and every chunk of output, which are the
 * only places where a template's work can grow beyond the size of its source and data.
 */
final class RenderBudget {

    static final String ATTRIBUTE = "tenancy.render-budget";

    private final RenderLimits limits;
    private final long deadlineNanos;
    private int iterations;
    private long outputChars;

    RenderBudget(RenderLimits limits) {
        this.limits = limits;
        this.deadlineNanos = System.nanoTime() + limits.timeout().toNanos();
    }

    void onIteration() {
        if (++iterations > limits.maxIterations()) {
            throw new RenderLimitExceededException(Limit.ITERATIONS,
                    "The template ran more than " + limits.maxIterations() + " loop iterations.");
        }
        checkTime();
    }

    /** A loop over a number runs that many times; refuse it before it starts if that cannot fit. */
    void checkIterationCount(long count) {
        if (count > (long) limits.maxIterations() - iterations) {
            throw new RenderLimitExceededException(Limit.ITERATIONS,
                    "The template ran more than " + limits.maxIterations() + " loop iterations.");
        }
    }

    void onOutput(int chars) {
        outputChars += chars;
        if (outputChars > limits.maxOutputChars()) {
            throw new RenderLimitExceededException(Limit.OUTPUT_SIZE,
                    "The output grew beyond " + limits.maxOutputChars() + " characters.");
        }
        checkTime();
    }

    void checkTime() {
        if (System.nanoTime() - deadlineNanos > 0) {
            throw new RenderLimitExceededException(Limit.TIME,
                    "Rendering took longer than " + limits.timeout().toMillis() + " ms.");
        }
    }
}

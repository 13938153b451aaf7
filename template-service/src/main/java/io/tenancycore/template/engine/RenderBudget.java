package io.tenancycore.template.engine;

import io.quarkus.qute.EvalContext;
import io.tenancycore.template.engine.RenderLimitExceededException.Limit;
import java.util.Optional;

/**
 * The remaining allowance of one render. Qute builds the whole result tree before any of it is written, so the
 * budget is charged where that tree grows — every loop iteration, every loop body or branch that runs (by its number
 * of nodes), every message or format call (by the text it made) — and again for every chunk written. Each charge also
 * checks the deadline: those are the only places where a template's work can grow beyond the size of its source and
 * data, so a render cannot run past its timeout by more than one block of the template.
 * <p>
 * The first limit hit sticks: Qute keeps a failed value as a failed stage and goes on with the rest of the loop,
 * so every later charge fails at once with the same exception and the render stops at the next block.
 * <p>
 * Not thread-safe: one render runs on one thread.
 */
final class RenderBudget {

    static final String ATTRIBUTE = "tenancy.render-budget";

    private final RenderLimits limits;
    private final long deadlineNanos;
    private int iterations;
    private long nodes;
    private long outputChars;
    private long formattedChars;
    private RenderLimitExceededException exceeded;

    RenderBudget(RenderLimits limits) {
        this.limits = limits;
        this.deadlineNanos = System.nanoTime() + limits.timeout().toNanos();
    }

    /** The budget of the render that is evaluating {@code context}. */
    static RenderBudget of(EvalContext context) {
        if (context.getAttribute(ATTRIBUTE) instanceof RenderBudget budget) {
            return budget;
        }
        throw new IllegalStateException("rendered outside SafeTemplateEngine.render");
    }

    RenderLimits limits() {
        return limits;
    }

    void onIteration() {
        checkNotExceeded();
        if (++iterations > limits.maxIterations()) {
            throw fail(iterationsExceeded());
        }
        checkTime();
    }

    /** A loop over a number runs that many times; refuse it before it starts if that cannot fit. */
    void checkIterationCount(long count) {
        checkNotExceeded();
        if (count > (long) limits.maxIterations() - iterations) {
            throw fail(iterationsExceeded());
        }
    }

    /** A block (loop body, branch, let body) of {@code nodeCount} nodes is about to be evaluated. */
    void onBlock(int nodeCount) {
        checkNotExceeded();
        nodes += Math.max(1, nodeCount);
        if (nodes > limits.maxNodes()) {
            throw fail(new RenderLimitExceededException(Limit.NODES, limits.maxNodes(),
                    "The template evaluated more than " + limits.maxNodes()
                            + " nodes (text, values and sections, counted each time a loop body or branch runs)."));
        }
        checkTime();
    }

    /** Text made by a message or format call, counted when it is made rather than when it is written. */
    void onFormatted(int chars) {
        checkNotExceeded();
        formattedChars += chars;
        if (formattedChars > limits.maxOutputChars()) {
            throw fail(new RenderLimitExceededException(Limit.OUTPUT_SIZE, limits.maxOutputChars(),
                    "Messages and formatted values grew beyond " + limits.maxOutputChars() + " characters."));
        }
        checkTime();
    }

    void onOutput(int chars) {
        checkNotExceeded();
        outputChars += chars;
        if (outputChars > limits.maxOutputChars()) {
            throw fail(new RenderLimitExceededException(Limit.OUTPUT_SIZE, limits.maxOutputChars(),
                    "The output grew beyond " + limits.maxOutputChars() + " characters."));
        }
        checkTime();
    }

    /** Also the check of {@code msg:} and {@code fmt:} calls before they start. */
    void checkTime() {
        checkNotExceeded();
        if (System.nanoTime() - deadlineNanos > 0) {
            throw fail(timeExceeded(limits));
        }
    }

    /**
     * Records a limit found outside the budget (a {@code fmt:} or {@code msg:} input) so that it sticks like the
     * others; returns it for the caller to throw.
     */
    RenderLimitExceededException fail(RenderLimitExceededException limit) {
        if (exceeded == null) {
            exceeded = limit;
        }
        return exceeded;
    }

    /** The limit this render hit, if any. */
    Optional<RenderLimitExceededException> exceeded() {
        return Optional.ofNullable(exceeded);
    }

    private void checkNotExceeded() {
        if (exceeded != null) {
            throw exceeded;
        }
    }

    static RenderLimitExceededException timeExceeded(RenderLimits limits) {
        return new RenderLimitExceededException(Limit.TIME, limits.timeout().toMillis(),
                "Rendering took longer than " + limits.timeout().toMillis() + " ms.");
    }

    private RenderLimitExceededException iterationsExceeded() {
        return new RenderLimitExceededException(Limit.ITERATIONS, limits.maxIterations(),
                "The template ran more than " + limits.maxIterations() + " loop iterations.");
    }
}

package io.tenancycore.config.schema;

/**
 * How much regex matching one validation may do. RE2/J is linear in the input, but the factor is the compiled
 * program: {@code [a-z]{1,1000}b} against a 64 KB value takes seconds, and a schema may apply many patterns to many
 * values. Each match spends (program size × (value length + 1)) steps; once a validation has spent its budget,
 * further matches answer "no match" without running and the caller reports the validation as too costly instead
 * of its verdict. A match outside any budget (meta-schema checks, tests) is not limited.
 *
 * <p>Validation is synchronous on one thread, so the open budget is a thread-local, opened and closed around it.
 */
final class MatchBudget implements AutoCloseable {

    private static final ThreadLocal<MatchBudget> OPEN = new ThreadLocal<>();

    private final MatchBudget outer;
    private long remaining;
    private boolean exhausted;

    private MatchBudget(long steps, MatchBudget outer) {
        this.remaining = steps;
        this.outer = outer;
    }

    /** Opens a budget for the work that follows on this thread, until {@link #close()}. */
    static MatchBudget open(long steps) {
        MatchBudget budget = new MatchBudget(steps, OPEN.get());
        OPEN.set(budget);
        return budget;
    }

    /** Whether a match of this cost may run; false once the open budget is spent. */
    static boolean trySpend(long steps) {
        MatchBudget budget = OPEN.get();
        if (budget == null) {
            return true;
        }
        if (budget.exhausted || steps > budget.remaining) {
            budget.exhausted = true;
            return false;
        }
        budget.remaining -= steps;
        return true;
    }

    boolean exhausted() {
        return exhausted;
    }

    @Override
    public void close() {
        if (outer == null) {
            OPEN.remove();
        } else {
            OPEN.set(outer);
        }
    }
}

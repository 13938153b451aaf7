package io.tenancycore.workflow.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Where a {@link DurableInstance} writes its progress as it goes and reads it back when it is resumed: each task's
 * start, retries, failure and completion (output, the workflow context after it, where the flow goes next), and the
 * deadlines of its {@code wait} tasks. Implemented by the instance store, so this package never depends on it.
 */
public interface ExecutionJournal {

    /** A task that completed before the instance was resumed: it is not run again, its results are replayed. */
    record CompletedStep(JsonNode output, JsonNode context, String nextPosition, boolean endNode, Instant at) {
    }

    /**
     * @param pure a task that acts on nothing outside the instance ({@code set}, {@code switch}, {@code raise} and the
     *             flow tasks {@code do}, {@code for}, {@code fork}, {@code try}): its start and completion may be
     *             written with the next write instead of at once. After a crash such a task is simply computed
     *             again from the last written state, as a replaying engine re-runs deterministic code; every task
     *             with an effect outside ({@code call}, {@code emit}, {@code listen}, {@code wait}, {@code run})
     *             still has its start written before it acts and its completion before the flow moves on.
     */
    void taskStarted(String position, String name, Instant at, boolean pure);

    void taskRetried(String position, String name, int attempt);

    /**
     * @param pure as for {@link #taskStarted}
     * @param restorable false for a task inside a {@code for} loop, whose position repeats with every iteration: a
     *                   resumed loop runs its current iteration's tasks again rather than replaying the wrong ones
     */
    void taskCompleted(String position, String name, Instant at, CompletedStep step, boolean restorable,
            boolean pure);

    void taskFailed(String position, String name, String error);

    /** The recorded completion of the task at {@code position}, taken once (a retried block runs it again). */
    Optional<CompletedStep> takeCompleted(String position);

    /** Retry attempts already made at {@code position} before a restart. */
    int retryAttempts(String position);

    /** The deadline of the wait at {@code position}: the one recorded before a restart, or now + duration, recorded. */
    Instant waitDeadline(String position, Duration duration);

    /** The wait at {@code position} is over; a later wait at the same position (a loop) starts afresh. */
    void waitOver(String position);

    /**
     * When the listen at {@code position} began waiting: the time recorded before (a restart), or {@code at}, recorded
     * with the next write (the listen task's start, written before it registers anything).
     */
    Instant listenSince(String position, Instant at);

    /** The listen at {@code position} heard what it waited for; a later listen there (a loop) starts afresh. */
    void listenOver(String position);
}

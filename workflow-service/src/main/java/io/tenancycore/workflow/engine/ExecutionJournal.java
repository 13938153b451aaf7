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

    void taskStarted(String position, String name, Instant at);

    void taskRetried(String position, String name, int attempt);

    /**
     * @param restorable false for a task inside a {@code for} loop, whose position repeats with every iteration: a
     *                   resumed loop runs its current iteration's tasks again rather than replaying the wrong ones
     */
    void taskCompleted(String position, String name, Instant at, CompletedStep step, boolean restorable);

    void taskFailed(String position, String name, String error);

    /** The recorded completion of the task at {@code position}, taken once (a retried block runs it again). */
    Optional<CompletedStep> takeCompleted(String position);

    /** Retry attempts already made at {@code position} before a restart. */
    int retryAttempts(String position);

    /** The deadline of the wait at {@code position}: the one recorded before a restart, or now + duration, recorded. */
    Instant waitDeadline(String position, Duration duration);

    /** The wait at {@code position} is over; a later wait at the same position (a loop) starts afresh. */
    void waitOver(String position);

    /** When the listen at {@code position} began waiting: the time recorded before a restart, or now, recorded. */
    Instant listenStarted(String position);

    /** The listen at {@code position} heard what it waited for; a later listen there (a loop) starts afresh. */
    void listenOver(String position);
}

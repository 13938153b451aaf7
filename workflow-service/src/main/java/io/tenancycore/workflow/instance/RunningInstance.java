package io.tenancycore.workflow.instance;

import io.tenancycore.workflow.engine.DurableInstance;
import io.tenancycore.workflow.engine.ExecutionJournal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An instance this replica runs: its record and journal in memory, written to Redis at every step (before the flow
 * moves on), and the snapshot of completed tasks and retry counts taken when it was resumed, which the runtime's
 * restore hook consumes. The live journal is not used for restoring, so a retried block runs its tasks again.
 */
final class RunningInstance implements ExecutionJournal {

    final InstanceRecord record;
    final Journal journal;
    final InstanceLease lease;
    private final InstanceStore store;
    private final int maxTaskRecords;
    private final Map<String, CompletedStep> restore;
    private final Map<String, Integer> restoreRetries;
    volatile DurableInstance instance;

    RunningInstance(InstanceRecord record, Journal journal, InstanceLease lease, InstanceStore store,
            int maxTaskRecords) {
        this.record = record;
        this.journal = journal;
        this.lease = lease;
        this.store = store;
        this.maxTaskRecords = maxTaskRecords;
        this.restore = new HashMap<>(journal.completed);
        this.restoreRetries = new HashMap<>(journal.retries);
    }

    String key() {
        return InstanceStore.activeMember(record.tenantId, record.id);
    }

    synchronized void persist() {
        if (instance == null || !instance.abandoned()) {
            store.save(record, journal);
        }
    }

    /** The final write, which also gives the lease back (one round trip). */
    synchronized void persistFinal(String owner) {
        if (instance == null || !instance.abandoned()) {
            store.finish(record, journal, owner);
        } else {
            lease.release();
        }
    }

    private TaskRecord task(String position, String name) {
        for (TaskRecord task : record.tasks) {
            if (task.position.equals(position)) {
                return task;
            }
        }
        TaskRecord task = new TaskRecord();
        task.position = position;
        task.name = name;
        if (record.tasks.size() < maxTaskRecords) {
            record.tasks.add(task);
        }
        return task;
    }

    @Override
    public synchronized void taskStarted(String position, String name, Instant at, boolean pure) {
        TaskRecord task = task(position, name);
        if (task.startedAt == null || task.status == null || "completed".equals(task.status)) {
            task.startedAt = at.truncatedTo(ChronoUnit.MILLIS);
            task.endedAt = null;
            task.durationMs = null;
        }
        task.status = "running";
        task.starts++;
        task.error = null;
        if (!pure) {
            persist();
        } // else the next write carries it: nothing outside the instance depends on it (ExecutionJournal#taskStarted)
    }

    @Override
    public synchronized void taskRetried(String position, String name, int attempt) {
        TaskRecord task = task(position, name);
        task.status = "retrying";
        task.attempts = attempt + 1;
        task.starts++;
        journal.retries.put(position, attempt);
        persist();
    }

    @Override
    public synchronized void taskCompleted(String position, String name, Instant at, CompletedStep step,
            boolean restorable, boolean pure) {
        TaskRecord task = task(position, name);
        task.status = "completed";
        task.completions++;
        task.error = null;
        task.endedAt = at.truncatedTo(ChronoUnit.MILLIS);
        if (task.startedAt != null) {
            task.durationMs = Duration.between(task.startedAt, task.endedAt).toMillis();
        }
        if (restorable) {
            journal.completed.put(position, step);
        }
        if (!pure) {
            persist();
        } // else the next write carries it: nothing outside the instance depends on it (ExecutionJournal#taskStarted)
    }

    @Override
    public synchronized void taskFailed(String position, String name, String error) {
        TaskRecord task = task(position, name);
        task.status = "failed";
        task.error = error;
        task.endedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        if (task.startedAt != null) {
            task.durationMs = Duration.between(task.startedAt, task.endedAt).toMillis();
        }
        persist();
    }

    @Override
    public synchronized Optional<CompletedStep> takeCompleted(String position) {
        return Optional.ofNullable(restore.remove(position));
    }

    @Override
    public synchronized int retryAttempts(String position) {
        Integer attempts = restoreRetries.remove(position);
        return attempts == null ? 0 : attempts;
    }

    @Override
    public synchronized Instant waitDeadline(String position, Duration duration) {
        Instant deadline = journal.waits.get(position);
        if (deadline == null) {
            deadline = Instant.now().plus(duration);
            journal.waits.put(position, deadline);
        }
        record.status = InstanceStatus.WAITING;
        persist();
        return deadline;
    }

    @Override
    public synchronized void waitOver(String position) {
        journal.waits.remove(position);
        record.status = InstanceStatus.RUNNING;
    }

    @Override
    public synchronized Instant listenSince(String position, Instant at) {
        return journal.listens.computeIfAbsent(position, ignored -> at);
    }

    @Override
    public synchronized void listenOver(String position) {
        journal.listens.remove(position);
    }
}

package io.tenancycore.workflow.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.serverlessworkflow.impl.TaskContext;
import io.serverlessworkflow.impl.WorkflowContext;
import io.serverlessworkflow.impl.WorkflowDefinition;
import io.serverlessworkflow.impl.WorkflowModel;
import io.serverlessworkflow.impl.WorkflowMutableInstance;
import io.serverlessworkflow.impl.executors.TransitionInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A workflow instance of the reference runtime whose progress lives in an {@link ExecutionJournal}: our id (not the
 * runtime's), the runtime's restore hook replaying completed tasks from the journal (so a resumed instance continues
 * from its last completed task), and {@code wait} timers whose deadlines survive a restart.
 */
public class DurableInstance extends WorkflowMutableInstance {

    private final ExecutionJournal journal;
    private final boolean resumed;
    private final Set<CompletableFuture<Void>> waits = ConcurrentHashMap.newKeySet();
    private final Set<Runnable> stopListening = ConcurrentHashMap.newKeySet();
    private volatile boolean abandoned;

    DurableInstance(WorkflowDefinition definition, String id, WorkflowModel input, ExecutionJournal journal,
            Instant startedAt) {
        super(definition, id, input);
        this.journal = journal;
        this.resumed = startedAt != null;
        this.startedAt = startedAt;
    }

    public ExecutionJournal journal() {
        return journal;
    }

    /** Starts, or continues a resumed instance without announcing a second start. */
    @Override
    public CompletableFuture<WorkflowModel> start() {
        return resumed ? startExecution(() -> {
        }) : super.start();
    }

    @Override
    public void restoreContext(WorkflowContext workflow, TaskContext context) {
        String position = context.position().jsonPointer();
        Optional<ExecutionJournal.CompletedStep> done = journal.takeCompleted(position);
        if (done.isPresent()) {
            ExecutionJournal.CompletedStep step = done.get();
            var next = step.nextPosition() == null ? null : workflow.definition().taskExecutor(step.nextPosition());
            if (step.nextPosition() != null && next == null) {
                return; // the journal names a position this definition does not have: run the task again instead
            }
            context.output(model(workflow, step.output()));
            context.completedAt(step.at());
            context.transition(new TransitionInfo(next, step.endNode()));
            if (step.context() != null) {
                workflow.context(model(workflow, step.context()));
            }
            return;
        }
        int attempts = journal.retryAttempts(position);
        if (attempts > 0 && context.retryAttempt() == 0) {
            context.retryAttempt((short) attempts);
        }
    }

    /** Completes when the wait at {@code position} is over, measured from its first start across restarts. */
    CompletableFuture<Void> waitAt(String position, Duration duration) {
        Instant deadline = journal.waitDeadline(position, duration);
        long delay = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
        CompletableFuture<Void> timer = new CompletableFuture<>();
        waits.add(timer);
        timer.whenComplete((ignored, error) -> {
            waits.remove(timer);
            if (error == null) {
                journal.waitOver(position);
            }
        });
        return timer.completeOnTimeout(null, delay, TimeUnit.MILLISECONDS);
    }

    /**
     * The listen task at {@code position} starts: before its start is written (so before anything may be published
     * for it), the tenant's events are kept, and when it began waiting is recorded, to be written with its start.
     */
    void listenBegins(TenantScopedEvents events, String tenantId, String position, Instant at) {
        // a resumed listen keeps the start of its first wait, so events kept since then stay kept for it
        events.listening(tenantId, listener(id(), position), journal.listenSince(position, at));
    }

    /**
     * The listen at {@code position} ({@code register} makes its registrations), waiting for the tenant's events since
     * its first start across restarts; the journal forgets that start once it heard what it waited for.
     */
    CompletableFuture<WorkflowModel> listen(TenantScopedEvents events, String tenantId, String position,
            java.util.function.Supplier<CompletableFuture<WorkflowModel>> register) {
        TenantScopedEvents.WaitingListen[] waiting = new TenantScopedEvents.WaitingListen[1];
        CompletableFuture<WorkflowModel> heard = events.listen(tenantId, listener(id(), position),
                journal.listenSince(position, Instant.now()), register, listen -> waiting[0] = listen);
        Runnable stop = () -> events.stop(waiting[0]);
        stopListening.add(stop);
        return heard.whenComplete((output, error) -> {
            stopListening.remove(stop);
            if (error == null) {
                journal.listenOver(position);
            }
        });
    }

    /** The name of an instance's listen at {@code position} among its tenant's listeners. */
    public static String listener(String instanceId, String position) {
        return instanceId + position;
    }

    /** Cancels at once, pending waits and listens included (the runtime alone would notice only when they end). */
    @Override
    public boolean cancel() {
        // listens first: one the runtime ends while cancelling must not count as having heard its event
        stopListening.forEach(Runnable::run);
        boolean cancelled = super.cancel();
        waits.forEach(timer -> timer.completeExceptionally(new CancellationException("instance cancelled")));
        return cancelled;
    }

    /** This replica lost the instance's lease: stop here, leaving the journal as it is for whoever holds it now. */
    public void abandon() {
        abandoned = true;
        cancel();
    }

    public boolean abandoned() {
        return abandoned;
    }

    static JsonNode json(WorkflowModel model) {
        return model == null ? NullNode.instance : model.as(JsonNode.class).orElse(NullNode.instance);
    }

    private static WorkflowModel model(WorkflowContext workflow, JsonNode node) {
        return workflow.definition().application().modelFactory().fromOther(node == null ? NullNode.instance : node);
    }
}

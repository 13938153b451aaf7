package io.tenancycore.workflow.engine;

import io.serverlessworkflow.api.types.DurationInline;
import io.serverlessworkflow.api.types.TimeoutAfter;
import io.serverlessworkflow.api.types.WaitTask;
import io.serverlessworkflow.impl.TaskContext;
import io.serverlessworkflow.impl.WorkflowContext;
import io.serverlessworkflow.impl.WorkflowDefinition;
import io.serverlessworkflow.impl.WorkflowModel;
import io.serverlessworkflow.impl.WorkflowMutablePosition;
import io.serverlessworkflow.impl.WorkflowStatus;
import io.serverlessworkflow.impl.executors.RegularTaskExecutor;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The DSL's {@code wait}, in place of the runtime's own: 7.13.4's WaitExecutor drops every unit of an inline
 * duration but milliseconds ({@code Duration.plus} results discarded, so {@code seconds: 5} waits 0 ms), and its timer
 * lives only in memory. Here the whole duration counts and the deadline is journaled, so a restart waits only what is
 * left.
 */
public class DurableWaitExecutor extends RegularTaskExecutor<WaitTask> {

    private final Duration duration;

    public static class Builder extends RegularTaskExecutorBuilder<WaitTask> {

        private final Duration duration;

        protected Builder(WorkflowMutablePosition position, WaitTask task, WorkflowDefinition definition) {
            super(position, task, definition);
            this.duration = durationOf(task.getWait());
        }

        @Override
        public DurableWaitExecutor buildInstance() {
            return new DurableWaitExecutor(this);
        }
    }

    protected DurableWaitExecutor(Builder builder) {
        super(builder);
        this.duration = builder.duration;
    }

    /** An inline duration with every unit, or an ISO 8601 one ({@code PT5S}, {@code P1DT2H}). */
    public static Duration durationOf(TimeoutAfter after) {
        DurationInline inline = after.getDurationInline();
        if (inline == null) {
            return Duration.parse(after.getDurationExpression());
        }
        return Duration.ofDays(inline.getDays()).plusHours(inline.getHours()).plusMinutes(inline.getMinutes())
                .plusSeconds(inline.getSeconds()).plusMillis(inline.getMilliseconds());
    }

    @Override
    protected CompletableFuture<WorkflowModel> internalExecute(WorkflowContext workflow, TaskContext task) {
        DurableInstance instance = (DurableInstance) workflow.instance();
        instance.status(WorkflowStatus.WAITING);
        WorkflowModel passThrough = task.output();
        return instance.waitAt(position.jsonPointer(), duration).thenApply(ignored -> passThrough);
    }
}

package io.tenancycore.workflow.engine;

import io.serverlessworkflow.api.types.WaitTask;
import io.serverlessworkflow.impl.TaskContext;
import io.serverlessworkflow.impl.WorkflowContext;
import io.serverlessworkflow.impl.WorkflowDefinition;
import io.serverlessworkflow.impl.WorkflowModel;
import io.serverlessworkflow.impl.WorkflowMutablePosition;
import io.serverlessworkflow.impl.WorkflowStatus;
import io.serverlessworkflow.impl.WorkflowUtils;
import io.serverlessworkflow.impl.WorkflowValueResolver;
import io.serverlessworkflow.impl.executors.RegularTaskExecutor;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The DSL's {@code wait}, in place of the runtime's own. 7.13.4's WaitExecutor drops every unit of an inline duration
 * but milliseconds ({@code Duration.plus} results discarded, so {@code seconds: 5} waits 0 ms), fails on an ISO 8601
 * literal ({@code wait: PT5S} reaches it as a "literal", while it parses only the runtime-expression field), and keeps
 * its timer in memory. Here the duration is read as the runtime reads task timeouts (inline, literal or expression),
 * and the deadline is journaled, so a restart waits only what is left.
 */
public class DurableWaitExecutor extends RegularTaskExecutor<WaitTask> {

    private final WorkflowValueResolver<Duration> duration;

    public static class Builder extends RegularTaskExecutorBuilder<WaitTask> {

        private final WorkflowValueResolver<Duration> duration;

        protected Builder(WorkflowMutablePosition position, WaitTask task, WorkflowDefinition definition) {
            super(position, task, definition);
            this.duration = WorkflowUtils.fromTimeoutAfter(application, task.getWait());
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

    @Override
    protected CompletableFuture<WorkflowModel> internalExecute(WorkflowContext workflow, TaskContext task) {
        DurableInstance instance = (DurableInstance) workflow.instance();
        instance.status(WorkflowStatus.WAITING);
        WorkflowModel passThrough = task.output();
        Duration wait = duration.apply(workflow, task, task.input());
        return instance.waitAt(position.jsonPointer(), wait).thenApply(ignored -> passThrough);
    }
}

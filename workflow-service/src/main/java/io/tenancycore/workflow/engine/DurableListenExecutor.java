package io.tenancycore.workflow.engine;

import io.serverlessworkflow.api.types.ListenTask;
import io.serverlessworkflow.impl.TaskContext;
import io.serverlessworkflow.impl.WorkflowContext;
import io.serverlessworkflow.impl.WorkflowDefinition;
import io.serverlessworkflow.impl.WorkflowModel;
import io.serverlessworkflow.impl.WorkflowMutablePosition;
import io.serverlessworkflow.impl.WorkflowPosition;
import io.serverlessworkflow.impl.executors.ListenExecutor;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The DSL's {@code listen}, the runtime's own executors made durable: the moment its wait began is journaled (so a
 * resumed instance waits for events since then, not since the resume), and while it waits, the tenant's events are
 * kept and replayed to it ({@link TenantScopedEvents#listen}). An event published while its instance was down, or
 * while it moved to another replica, still wakes it.
 */
final class DurableListenExecutor {

    private DurableListenExecutor() {
    }

    static final class Builder extends ListenExecutor.ListenExecutorBuilder {

        Builder(WorkflowMutablePosition position, ListenTask task, WorkflowDefinition definition) {
            super(position, task, definition);
        }

        /** The runtime picks "all" or "any/one" semantics; ours keeps the choice. */
        @Override
        public ListenExecutor buildInstance() {
            return super.buildInstance() instanceof ListenExecutor.AndListenExecutor ? new All(this) : new Any(this);
        }
    }

    private static final class All extends ListenExecutor.AndListenExecutor {
        All(Builder builder) {
            super(builder);
        }

        @Override
        protected CompletableFuture<WorkflowModel> internalExecute(WorkflowContext workflow, TaskContext task) {
            return durably(workflow, position, () -> super.internalExecute(workflow, task));
        }
    }

    private static final class Any extends ListenExecutor.OrListenExecutor {
        Any(Builder builder) {
            super(builder);
        }

        @Override
        protected CompletableFuture<WorkflowModel> internalExecute(WorkflowContext workflow, TaskContext task) {
            return durably(workflow, position, () -> super.internalExecute(workflow, task));
        }
    }

    /** Called as the task starts, before its start is written ({@link JournalListener}). */
    static void begins(WorkflowContext workflow, TaskContext task) {
        if (task.task() instanceof ListenTask && workflow.instance() instanceof DurableInstance instance
                && workflow.definition().application().eventConsumer() instanceof TenantScopedEvents events) {
            instance.listenBegins(events, workflow.definition().workflow().getDocument().getNamespace(),
                    task.position().jsonPointer(), task.startedAt());
        }
    }

    private static CompletableFuture<WorkflowModel> durably(WorkflowContext workflow, WorkflowPosition position,
            Supplier<CompletableFuture<WorkflowModel>> listen) {
        if (!(workflow.instance() instanceof DurableInstance instance)
                || !(workflow.definition().application().eventConsumer() instanceof TenantScopedEvents events)) {
            return listen.get();
        }
        String at = position.jsonPointer();
        String tenantId = workflow.definition().workflow().getDocument().getNamespace();
        return instance.listen(events, tenantId, at, listen);
    }
}

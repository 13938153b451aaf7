package io.tenancycore.workflow.engine;

import io.serverlessworkflow.api.types.Task;
import io.serverlessworkflow.api.types.TaskBase;
import io.serverlessworkflow.impl.WorkflowDefinition;
import io.serverlessworkflow.impl.WorkflowMutablePosition;
import io.serverlessworkflow.impl.executors.DefaultTaskExecutorFactory;
import io.serverlessworkflow.impl.executors.TaskExecutorBuilder;

/**
 * The runtime's executors, with our {@link DurableWaitExecutor} for {@code wait}, {@link DurableListenExecutor} for
 * {@code listen} and HTTP calls whose transport
 * failures are DSL errors ({@link TransportFailures}).
 */
class DurableTaskExecutorFactory extends DefaultTaskExecutorFactory {

    @Override
    public TaskExecutorBuilder<? extends TaskBase> getTaskExecutor(WorkflowMutablePosition position, Task task,
            WorkflowDefinition definition) {
        if (task.getWaitTask() != null) {
            return new DurableWaitExecutor.Builder(position, task.getWaitTask(), definition);
        }
        if (task.getListenTask() != null) {
            return new DurableListenExecutor.Builder(position, task.getListenTask(), definition);
        }
        if (task.getCallTask() != null && task.getCallTask().getCallHTTP() != null) {
            return TransportFailures.callTask(position, task.getCallTask().getCallHTTP(), definition);
        }
        return super.getTaskExecutor(position, task, definition);
    }
}

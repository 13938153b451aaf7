package io.tenancycore.workflow.engine;

import io.serverlessworkflow.api.types.DoTask;
import io.serverlessworkflow.api.types.ForTask;
import io.serverlessworkflow.api.types.ForkTask;
import io.serverlessworkflow.api.types.RaiseTask;
import io.serverlessworkflow.api.types.SetTask;
import io.serverlessworkflow.api.types.SwitchTask;
import io.serverlessworkflow.api.types.TaskBase;
import io.serverlessworkflow.api.types.TryTask;
import io.serverlessworkflow.impl.TaskContext;
import io.serverlessworkflow.impl.WorkflowContext;
import io.serverlessworkflow.impl.executors.AbstractTaskExecutor;
import io.serverlessworkflow.impl.executors.TransitionInfo;
import io.serverlessworkflow.impl.lifecycle.TaskCompletedEvent;
import io.serverlessworkflow.impl.lifecycle.TaskEvent;
import io.serverlessworkflow.impl.lifecycle.TaskFailedEvent;
import io.serverlessworkflow.impl.lifecycle.TaskRetriedEvent;
import io.serverlessworkflow.impl.lifecycle.TaskStartedEvent;
import io.serverlessworkflow.impl.lifecycle.WorkflowExecutionListener;
import java.time.Instant;
import java.util.Optional;

/**
 * The runtime's execution listener that journals each task of a {@link DurableInstance} as it starts, retries, fails
 * and completes. It runs on the runtime's thread before the next task starts, so what it wrote is in Redis before the
 * flow moves on (tasks without outside effects are written with the next write: {@link ExecutionJournal#taskStarted}).
 */
class JournalListener implements WorkflowExecutionListener {

    @Override
    public void onTaskStarted(TaskStartedEvent ev) {
        if (journal(ev).isPresent()) {
            DurableListenExecutor.begins((WorkflowContext) ev.workflowContext(), (TaskContext) ev.taskContext());
        }
        journal(ev).ifPresent(j -> j.taskStarted(position(ev), ev.taskContext().taskName(),
                ev.taskContext().startedAt(), pure((TaskContext) ev.taskContext())));
    }

    @Override
    public void onTaskRetried(TaskRetriedEvent ev) {
        TaskContext task = (TaskContext) ev.taskContext();
        journal(ev).ifPresent(j -> j.taskRetried(position(ev), task.taskName(), task.retryAttempt()));
    }

    @Override
    public void onTaskFailed(TaskFailedEvent ev) {
        journal(ev).ifPresent(j -> j.taskFailed(position(ev), ev.taskContext().taskName(), WorkflowErrors.describe(ev.cause())));
    }

    @Override
    public void onTaskCompleted(TaskCompletedEvent ev) {
        TaskContext task = (TaskContext) ev.taskContext();
        WorkflowContext workflow = (WorkflowContext) ev.workflowContext();
        TransitionInfo transition = task.transition();
        String next = transition != null && transition.next() instanceof AbstractTaskExecutor<?> executor
                ? executor.position().jsonPointer() : null;
        boolean end = transition != null && transition.isEndNode();
        Instant at = task.completedAt() == null ? Instant.now() : task.completedAt();
        journal(ev).ifPresent(j -> j.taskCompleted(position(ev), task.taskName(), at,
                new ExecutionJournal.CompletedStep(DurableInstance.json(task.output()),
                        DurableInstance.json(workflow.context()), next, end, at),
                !insideLoop(task), pure(task)));
    }

    /** Tasks that act on nothing outside the instance (see {@link ExecutionJournal#taskStarted}). */
    static boolean pure(TaskContext task) {
        TaskBase definition = task.task();
        return definition instanceof SetTask || definition instanceof SwitchTask || definition instanceof DoTask
                || definition instanceof ForTask || definition instanceof ForkTask || definition instanceof TryTask
                || definition instanceof RaiseTask;
    }

    private static boolean insideLoop(TaskContext task) {
        Optional<TaskContext> parent = task.parent();
        while (parent.isPresent()) {
            if (parent.get().task() instanceof ForTask) {
                return true;
            }
            parent = parent.get().parent();
        }
        return false;
    }

    private static String position(TaskEvent ev) {
        return ev.taskContext().position().jsonPointer();
    }

    private static Optional<ExecutionJournal> journal(TaskEvent ev) {
        if (((WorkflowContext) ev.workflowContext()).instance() instanceof DurableInstance instance
                && !instance.abandoned()) {
            return Optional.of(instance.journal());
        }
        return Optional.empty();
    }
}

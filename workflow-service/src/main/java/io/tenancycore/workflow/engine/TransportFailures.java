package io.tenancycore.workflow.engine;

import io.serverlessworkflow.api.types.TaskBase;
import io.serverlessworkflow.impl.TaskContext;
import io.serverlessworkflow.impl.WorkflowContext;
import io.serverlessworkflow.impl.WorkflowError;
import io.serverlessworkflow.impl.WorkflowException;
import io.serverlessworkflow.impl.WorkflowModel;
import io.serverlessworkflow.impl.executors.TaskExecutor;
import io.serverlessworkflow.impl.executors.TaskExecutorBuilder;
import io.serverlessworkflow.types.Errors;
import jakarta.ws.rs.ProcessingException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Makes an HTTP call that got no answer (connection refused or cut, timeout, an unreadable body) a DSL communication
 * error. The runtime raises those as the JAX-RS client's {@link ProcessingException}, which {@code try}/{@code catch}
 * does not see (it catches only {@link WorkflowException}): a provisioning whose service is down would fail without
 * running its compensation, and a {@code retry} would never retry the most common transient failure.
 * <p>
 * The error's details name the failure's kind, never the address it could not reach (instances are read by tenants).
 */
final class TransportFailures<T extends TaskBase> implements TaskExecutorBuilder<T> {

    static final int UNREACHABLE = 503;
    static final int TIMED_OUT = 504;

    private final TaskExecutorBuilder<T> delegate;
    private final String position;

    TransportFailures(TaskExecutorBuilder<T> delegate, String position) {
        this.delegate = delegate;
        this.position = position;
    }

    /**
     * The runtime finds a task's successor by looking itself up (by identity) among its siblings, so the wrapped
     * builder sees the siblings with itself in this wrapper's place; every other task still transitions to the wrapper.
     */
    @Override
    public void connect(Map<String, TaskExecutorBuilder<?>> connections) {
        Map<String, TaskExecutorBuilder<?>> asSeenByDelegate = new LinkedHashMap<>(connections);
        asSeenByDelegate.replaceAll((name, builder) -> builder == this ? delegate : builder);
        delegate.connect(asSeenByDelegate);
    }

    @Override
    public TaskExecutor<T> build() {
        TaskExecutor<T> executor = delegate.build();
        return (workflow, parent, input) -> apply(executor, workflow, parent, input);
    }

    private CompletableFuture<TaskContext> apply(TaskExecutor<T> executor, WorkflowContext workflow,
            Optional<TaskContext> parent, WorkflowModel input) {
        CompletableFuture<TaskContext> running;
        try {
            running = executor.apply(workflow, parent, input);
        } catch (ProcessingException e) {
            return CompletableFuture.failedFuture(asWorkflowError(e, position));
        }
        return running.exceptionallyCompose(failure -> {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            return CompletableFuture.failedFuture(
                    cause instanceof ProcessingException transport ? asWorkflowError(transport, position) : failure);
        });
    }

    /** The DSL error of a call that got no answer; {@code position} is the task's JSON pointer, or {@code null}. */
    static WorkflowException asWorkflowError(ProcessingException failure, String position) {
        boolean timedOut = causedBy(failure, "Timeout");
        WorkflowError error = WorkflowError.error(Errors.COMMUNICATION.toString(), timedOut ? TIMED_OUT : UNREACHABLE)
                .instance(position)
                .title(timedOut ? "the call timed out" : "the called service could not be reached")
                .details(timedOut ? "no answer in time"
                        : causedBy(failure, "ConnectException") ? "connection failed"
                        : causedBy(failure, "IOException") ? "connection closed before an answer"
                        : "no readable answer")
                .build();
        return new WorkflowException(error, failure);
    }

    /** Whether a class in the cause chain has {@code kind} in its name (Vert.x and Netty wrap the JDK's). */
    private static boolean causedBy(Throwable failure, String kind) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (Class<?> type = t.getClass(); type != null; type = type.getSuperclass()) {
                if (type.getSimpleName().contains(kind)) {
                    return true;
                }
            }
        }
        return false;
    }
}

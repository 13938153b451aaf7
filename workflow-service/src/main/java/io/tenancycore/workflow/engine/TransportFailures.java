package io.tenancycore.workflow.engine;

import io.serverlessworkflow.api.types.CallHTTP;
import io.serverlessworkflow.api.types.TaskBase;
import io.serverlessworkflow.impl.TaskContext;
import io.serverlessworkflow.impl.WorkflowContext;
import io.serverlessworkflow.impl.WorkflowDefinition;
import io.serverlessworkflow.impl.WorkflowError;
import io.serverlessworkflow.impl.WorkflowException;
import io.serverlessworkflow.impl.WorkflowModel;
import io.serverlessworkflow.impl.WorkflowMutablePosition;
import io.serverlessworkflow.impl.executors.CallTaskExecutor;
import io.serverlessworkflow.impl.executors.CallableTask;
import io.serverlessworkflow.impl.executors.CallableTaskBuilder;
import io.serverlessworkflow.impl.executors.http.CallableTaskHttpExecutorBuilder;
import io.serverlessworkflow.types.Errors;
import jakarta.ws.rs.ProcessingException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Makes an HTTP call that got no answer (connection refused or cut, timeout, an unreadable body) a DSL communication
 * error. The runtime raises those as the JAX-RS client's {@link ProcessingException}, which {@code try}/{@code catch}
 * does not see (it catches only {@link WorkflowException}): a provisioning whose service is down would fail without
 * running its compensation, and a {@code retry} would never retry the most common transient failure.
 * <p>
 * It wraps the runtime's HTTP callable inside the runtime's own call-task executor, so positions, transitions and the
 * journal's replay see the usual executor. The error's details name the failure's kind, never the address it could not
 * reach (instances are read by tenants).
 */
final class TransportFailures implements CallableTaskBuilder<CallHTTP> {

    static final int UNREACHABLE = 503;
    static final int TIMED_OUT = 504;

    private final CallableTaskHttpExecutorBuilder http = new CallableTaskHttpExecutorBuilder();

    /** The executor builder of an HTTP call task, with this guard around its request. */
    static CallTaskExecutor.CallTaskExecutorBuilder<CallHTTP> callTask(WorkflowMutablePosition position, CallHTTP task,
            WorkflowDefinition definition) {
        return new GuardedCallBuilder(position, task, definition);
    }

    private static final class GuardedCallBuilder extends CallTaskExecutor.CallTaskExecutorBuilder<CallHTTP> {
        GuardedCallBuilder(WorkflowMutablePosition position, CallHTTP task, WorkflowDefinition definition) {
            super(position, task, definition, new TransportFailures());
        }
    }

    @Override
    public boolean accept(Class<? extends TaskBase> type) {
        return http.accept(type);
    }

    @Override
    public void init(CallHTTP task, WorkflowDefinition definition, WorkflowMutablePosition position) {
        http.init(task, definition, position);
    }

    @Override
    public CallableTask build() {
        CallableTask call = http.build();
        return (workflow, task, input) -> guarded(call, workflow, task, input);
    }

    private static CompletableFuture<WorkflowModel> guarded(CallableTask call,
            WorkflowContext workflow, TaskContext task, WorkflowModel input) {
        CompletableFuture<WorkflowModel> running;
        try {
            running = call.apply(workflow, task, input);
        } catch (ProcessingException e) {
            return CompletableFuture.failedFuture(asWorkflowError(e, task.position().jsonPointer()));
        }
        return running.exceptionallyCompose(failure -> {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            return CompletableFuture.failedFuture(cause instanceof ProcessingException transport
                    ? asWorkflowError(transport, task.position().jsonPointer()) : failure);
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

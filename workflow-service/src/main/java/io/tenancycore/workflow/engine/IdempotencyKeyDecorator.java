package io.tenancycore.workflow.engine;

import io.serverlessworkflow.impl.TaskContext;
import io.serverlessworkflow.impl.WorkflowContext;
import io.serverlessworkflow.impl.executors.http.HttpRequestDecorator;
import jakarta.ws.rs.client.Invocation;

/**
 * Gives every HTTP call of a workflow an {@code Idempotency-Key} that is the same when a resumed instance repeats the
 * step (instance id and task position), so a callee that honours it does not act twice. Loaded by the runtime through
 * {@code META-INF/services}.
 */
public class IdempotencyKeyDecorator implements HttpRequestDecorator {

    public static final String HEADER = "Idempotency-Key";

    @Override
    public void decorate(Invocation.Builder request, WorkflowContext workflow, TaskContext task) {
        request.header(HEADER, workflow.instanceData().id() + ":" + task.position().jsonPointer());
    }
}

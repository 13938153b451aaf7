package io.tenancycore.workflow.engine;

import io.serverlessworkflow.impl.TaskContext;
import io.serverlessworkflow.impl.WorkflowContext;
import io.serverlessworkflow.impl.executors.http.HttpRequestDecorator;
import io.tenancycore.workflow.calls.CallContext;
import jakarta.ws.rs.client.Invocation;

/**
 * Gives every HTTP call of a workflow an {@code Idempotency-Key} that is the same when a resumed instance repeats the
 * step (instance id and task position), so a callee that honours it does not act twice; and tells the call filters
 * which tenant's instance calls (request properties, never sent). Loaded by the runtime through
 * {@code META-INF/services}.
 */
public class IdempotencyKeyDecorator implements HttpRequestDecorator {

    public static final String HEADER = "Idempotency-Key";

    @Override
    public void decorate(Invocation.Builder request, WorkflowContext workflow, TaskContext task) {
        String instance = workflow.instanceData().id();
        String position = task.position().jsonPointer();
        request.header(HEADER, instance + ":" + position);
        var document = workflow.definition().workflow().getDocument();
        request.property(CallContext.TENANT, document.getNamespace());
        request.property(CallContext.DEFINITION, document.getName());
        request.property(CallContext.INSTANCE, instance);
        request.property(CallContext.POSITION, position);
    }
}

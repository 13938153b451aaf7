package io.tenancycore.workflow.engine;

import io.serverlessworkflow.impl.WorkflowException;
import jakarta.ws.rs.ProcessingException;
import java.util.concurrent.CompletionException;

/** How an instance's or a task's error reads in its record: the DSL error's type, status and title when it has one. */
public final class WorkflowErrors {

    private WorkflowErrors() {
    }

    public static String describe(Throwable cause) {
        Throwable error = cause instanceof CompletionException && cause.getCause() != null ? cause.getCause() : cause;
        if (error instanceof ProcessingException transport) {
            // the runtime reports a failed call's task with the client's exception, before it becomes a DSL error
            error = TransportFailures.asWorkflowError(transport, null);
        }
        if (error instanceof WorkflowException workflowError) {
            var e = workflowError.getWorkflowError();
            return e.type() + " (status " + e.status() + ")" + (e.title() == null ? "" : ": " + e.title())
                    + (e.details() == null ? "" : " - " + e.details());
        }
        return error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage());
    }
}

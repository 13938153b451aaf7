package io.tenancycore.workflow.engine;

import io.cloudevents.core.builder.CloudEventBuilder;
import io.serverlessworkflow.impl.TaskContext;
import io.serverlessworkflow.impl.WorkflowContext;
import io.serverlessworkflow.impl.events.EmittedEventDecorator;
import io.tenancycore.commons.events.CloudEvents;

/**
 * Stamps every event a workflow emits with the workflow's tenant (the definition's namespace, which this service
 * always sets to the owning tenant), replacing any {@code tenantid} the definition wrote: a tenant cannot emit as
 * another. Found by the runtime through {@code META-INF/services}; runs after the event's own attributes are set.
 */
public class TenantStamp implements EmittedEventDecorator {

    @Override
    public void decorate(CloudEventBuilder event, WorkflowContext workflow, TaskContext task) {
        event.withExtension(CloudEvents.TENANT_EXTENSION, workflow.definition().workflow().getDocument().getNamespace());
    }

    /** After any other decorator, so the stamp is what the event carries. */
    @Override
    public int priority() {
        return 100_000;
    }
}

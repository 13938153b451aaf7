package io.tenancycore.workflow.engine;

import io.cloudevents.CloudEvent;
import io.serverlessworkflow.api.types.EventFilter;
import io.serverlessworkflow.impl.WorkflowApplication;
import io.serverlessworkflow.impl.events.CloudEventPredicate;
import io.serverlessworkflow.impl.events.InMemoryEvents;
import io.serverlessworkflow.impl.events.TypeEventRegistrationBuilder;
import io.tenancycore.commons.events.CloudEvents;
import java.util.Collection;
import java.util.function.Supplier;

/**
 * The event bus of tenants' workflows ({@code emit} and {@code listen}), in this process. Every tenant's definitions
 * share one runtime application, so the runtime's own in-memory bus would hand tenant A's emitted events to tenant B's
 * listeners. Here an emitted event always carries its workflow's tenant in the {@code tenantid} extension
 * ({@link TenantStamp}, which overrides whatever the definition wrote), and a {@code listen} accepts only events of the
 * tenant whose definition declared it.
 * <p>
 * The runtime creates a listen task's registration while it builds the definition, without saying for which
 * workflow; {@link #buildingFor} names the tenant for that build (one thread, synchronous). A registration built
 * outside it fails, so an unscoped listener can never exist.
 */
final class TenantScopedEvents extends InMemoryEvents {

    private static final ThreadLocal<String> BUILDING_FOR = new ThreadLocal<>();

    /** Builds a definition of {@code tenantId}: its listen tasks accept only that tenant's events. */
    static <T> T buildingFor(String tenantId, Supplier<T> build) {
        BUILDING_FOR.set(tenantId);
        try {
            return build.get();
        } finally {
            BUILDING_FOR.remove();
        }
    }

    @Override
    public TypeEventRegistrationBuilder listen(EventFilter filter, WorkflowApplication application) {
        return scoped(super.listen(filter, application));
    }

    @Override
    public Collection<TypeEventRegistrationBuilder> listenToAll(WorkflowApplication application) {
        return super.listenToAll(application).stream().map(TenantScopedEvents::scoped).toList();
    }

    private static TypeEventRegistrationBuilder scoped(TypeEventRegistrationBuilder registration) {
        String tenant = BUILDING_FOR.get();
        if (tenant == null) {
            throw new IllegalStateException("a listen task was built outside a tenant's definition");
        }
        CloudEventPredicate declared = registration.cePredicate();
        CloudEventPredicate ofTenant = event -> tenant.equals(tenantOf(event))
                && (declared == null || declared.test(event));
        return new TypeEventRegistrationBuilder(registration.type(), ofTenant);
    }

    private static String tenantOf(CloudEvent event) {
        Object tenant = event.getExtension(CloudEvents.TENANT_EXTENSION);
        return tenant == null ? null : tenant.toString();
    }
}

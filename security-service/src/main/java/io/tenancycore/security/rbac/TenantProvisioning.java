package io.tenancycore.security.rbac;

import io.cloudevents.CloudEvent;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.events.CloudEvents;
import io.tenancycore.commons.events.MalformedEventException;
import io.tenancycore.commons.events.TenantEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/** A registered tenant gets its default roles (idempotent: redelivery changes nothing). */
@ApplicationScoped
public class TenantProvisioning {

    public static final String CHANNEL = "tenant-provisioning";
    static final Set<String> PROVISIONING_EVENTS = Set.of(TenantEvents.REGISTERED, TenantEvents.ACTIVATED);
    private static final Logger LOG = Logger.getLogger(TenantProvisioning.class);

    @Inject
    RbacService rbac;

    /** Once per service (work group); a failure is retried, then parked on {@code tenancy.tenants.dlq}. */
    @Incoming(CHANNEL)
    @Acknowledgment(Acknowledgment.Strategy.POST_PROCESSING)
    @Retry(maxRetries = 4, delay = 200, jitter = 0, abortOn = MalformedEventException.class)
    @ExponentialBackoff(maxDelay = 5000)
    public Uni<Void> consume(Message<byte[]> message) {
        return CloudEvents.consume(message, this::onTenantEvent);
    }

    Uni<Void> onTenantEvent(CloudEvent event) {
        if (!PROVISIONING_EVENTS.contains(event.getType())) {
            return Uni.createFrom().voidItem();
        }
        Object tenant = event.getExtension(CloudEvents.TENANT_EXTENSION);
        if (tenant == null || !io.tenancycore.commons.tenant.TenantIds.isValid(tenant.toString())) {
            LOG.warnf("tenant event %s without a valid tenantid extension ignored", event.getId());
            return Uni.createFrom().voidItem();
        }
        return rbac.ensureDefaults(tenant.toString()).invoke(added -> {
            if (!added.isEmpty()) {
                LOG.infof("default roles %s created for tenant %s", added, tenant);
            }
        }).replaceWithVoid();
    }
}

package io.tenancycore.security.rbac;

import io.cloudevents.CloudEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.events.CloudEventPublisher;
import io.tenancycore.commons.events.EventSubscriptions;
import io.tenancycore.commons.events.Subscription;
import io.tenancycore.commons.events.TenantEvents;
import io.tenancycore.commons.events.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Set;
import org.jboss.logging.Logger;

/** A registered tenant gets its default roles (idempotent: redelivery changes nothing). */
@ApplicationScoped
public class TenantProvisioning {

    static final String SUBSCRIPTION = "tenant-provisioning";
    static final Set<String> PROVISIONING_EVENTS = Set.of(TenantEvents.REGISTERED, TenantEvents.ACTIVATED);
    private static final Logger LOG = Logger.getLogger(TenantProvisioning.class);

    @Inject
    RbacService rbac;

    void subscribe(@Observes StartupEvent start, EventSubscriptions subscriptions) {
        subscriptions.subscribe(Subscription.work(SUBSCRIPTION, this::onTenantEvent, Topics.TENANTS));
    }

    Uni<Void> onTenantEvent(CloudEvent event) {
        if (!PROVISIONING_EVENTS.contains(event.getType())) {
            return Uni.createFrom().voidItem();
        }
        Object tenant = event.getExtension(CloudEventPublisher.TENANT_EXTENSION);
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

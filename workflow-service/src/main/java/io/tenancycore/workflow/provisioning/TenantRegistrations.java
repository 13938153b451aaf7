package io.tenancycore.workflow.provisioning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.events.CloudEvents;
import io.tenancycore.commons.events.MalformedEventException;
import io.tenancycore.commons.events.TenantEvents;
import io.tenancycore.commons.tenant.TenantIds;
import io.tenancycore.workflow.definition.BuiltInTemplates;
import io.tenancycore.workflow.instance.InstanceService;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Starts the built-in {@code tenant_provisioning} for every {@code tenant.registered} on {@code tenancy.tenants}, with
 * input {@code {"tenant_config": <the registration>}}. One consumer group for the service (each event handled by one
 * replica), and each event starts at most one instance, however often it is delivered.
 */
@ApplicationScoped
public class TenantRegistrations {

    public static final String CHANNEL = "tenant-registrations";
    private static final Logger LOG = Logger.getLogger(TenantRegistrations.class);

    private final InstanceService instances;
    private final ObjectMapper mapper;

    public TenantRegistrations(InstanceService instances, ObjectMapper mapper) {
        this.instances = instances;
        this.mapper = mapper;
    }

    @Incoming(CHANNEL)
    @Acknowledgment(Acknowledgment.Strategy.POST_PROCESSING)
    @Retry(maxRetries = 4, delay = 200, jitter = 0, abortOn = MalformedEventException.class)
    @ExponentialBackoff(maxDelay = 5000)
    public Uni<Void> consume(Message<byte[]> message) {
        return CloudEvents.consume(message, this::onTenantEvent);
    }

    Uni<Void> onTenantEvent(CloudEvent event) {
        if (!TenantEvents.REGISTERED.equals(event.getType())) {
            return Uni.createFrom().voidItem();
        }
        String tenant = CloudEvents.tenantOf(event);
        if (tenant == null || !TenantIds.isValid(tenant)) {
            LOG.warnf("tenant event %s without a valid tenantid extension ignored", event.getId());
            return Uni.createFrom().voidItem();
        }
        ObjectNode input = mapper.createObjectNode();
        input.set("tenant_config", registration(event, tenant));
        return instances.startOnce(tenant, BuiltInTemplates.TENANT_PROVISIONING, input, "registered:" + event.getId())
                .invoke(started -> started.ifPresent(record -> LOG.infof(
                        "tenant_provisioning instance %s started for tenant %s", record.id, tenant)))
                .replaceWithVoid();
    }

    private JsonNode registration(CloudEvent event, String tenant) {
        JsonNode document = null;
        if (event.getData() != null) {
            try {
                document = mapper.readTree(event.getData().toBytes());
            } catch (IOException e) {
                LOG.warnf("registration event %s carries no JSON document; provisioning from the tenant id",
                        event.getId());
            }
        }
        if (document == null || !document.isObject()) {
            document = mapper.createObjectNode();
        }
        if (!document.has("tenant_id")) {
            ((ObjectNode) document).put("tenant_id", tenant);
        }
        return document;
    }
}

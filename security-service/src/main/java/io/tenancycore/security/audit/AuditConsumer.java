package io.tenancycore.security.audit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.audit.AuditLog;
import io.tenancycore.commons.events.CloudEventPublisher;
import io.tenancycore.commons.events.EventSubscriptions;
import io.tenancycore.commons.events.Subscription;
import io.tenancycore.commons.events.Topics;
import io.tenancycore.commons.validation.TenantId;
import io.tenancycore.security.store.RedisKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import org.jboss.logging.Logger;

/** Reads {@code tenancy.audit} from every service (one consumer group for the service) into the tenants' chains. */
@ApplicationScoped
public class AuditConsumer {

    static final String SUBSCRIPTION = "audit-store";
    private static final Logger LOG = Logger.getLogger(AuditConsumer.class);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    @Inject
    AuditTrail trail;
    @Inject
    ObjectMapper mapper;

    void subscribe(@Observes StartupEvent start, EventSubscriptions subscriptions) {
        subscriptions.subscribe(Subscription.work(SUBSCRIPTION, this::store, Topics.AUDIT));
    }

    Uni<Void> store(CloudEvent event) {
        if (!AuditLog.EVENT_TYPE.equals(event.getType()) || event.getData() == null) {
            return Uni.createFrom().voidItem();
        }
        Map<String, Object> data;
        try {
            data = mapper.readValue(event.getData().toBytes(), MAP);
        } catch (IOException e) {
            LOG.warnf("unreadable audit event %s skipped", event.getId());
            return Uni.createFrom().voidItem();
        }
        String tenant = text(data, "tenantId", "tenant_id");
        Object extension = event.getExtension(CloudEventPublisher.TENANT_EXTENSION);
        if (tenant == null && extension != null) {
            tenant = extension.toString();
        }
        String scope = tenant != null && tenant.matches(TenantId.PATTERN) ? tenant : RedisKeys.PLATFORM;
        Object details = data.get("details");
        @SuppressWarnings("unchecked")
        Map<String, Object> detailMap = details instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
        AuditTrail.Fields fields = new AuditTrail.Fields(event.getId(), time(data.get("time"), event),
                text(data, "actor"), tenant, text(data, "action"), text(data, "resource"), text(data, "outcome"),
                text(data, "sourceIp", "source_ip"), text(data, "traceId", "trace_id"), detailMap);
        return trail.append(scope, fields).replaceWithVoid();
    }

    private static String time(Object value, CloudEvent event) {
        if (value instanceof String text) {
            return Instant.parse(text).toString();
        }
        if (value instanceof Number seconds) {
            return Instant.ofEpochMilli((long) (seconds.doubleValue() * 1000)).toString();
        }
        return event.getTime() != null ? event.getTime().toInstant().toString() : Instant.now().toString();
    }

    private static String text(Map<String, Object> data, String... names) {
        for (String name : names) {
            Object value = data.get(name);
            if (value != null) {
                return value.toString();
            }
        }
        return null;
    }
}

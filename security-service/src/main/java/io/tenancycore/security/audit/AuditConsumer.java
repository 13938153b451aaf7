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
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.DateTimeException;
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
    AuditKeys keys;
    @Inject
    ObjectMapper mapper;

    void subscribe(@Observes StartupEvent start, EventSubscriptions subscriptions) {
        // at once, not only before the first append: a master key rotation restarts the service with the new and the
        // previous key, and the old audit key must be archived under the new one before the previous key is dropped
        keys.ensureArchived().subscribe().with(ignored -> {
        }, failure -> LOG.warnf("audit keys not archived yet (retried before the next append): %s", failure));
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
        // only a valid tenant id becomes part of a Redis key; anything else is kept in the platform's chain
        String scope = AuditRecordBounds.scopeOf(tenant);
        Object details = data.get("details");
        @SuppressWarnings("unchecked")
        Map<String, Object> detailMap = details instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
        AuditTrail.Fields fields = new AuditTrail.Fields(event.getId(), time(data.get("time"), event),
                text(data, "actor"), tenant, text(data, "action"), text(data, "resource"), text(data, "outcome"),
                null, text(data, "sourceIp", "source_ip"), text(data, "traceId", "trace_id"), detailMap, null);
        return trail.append(scope, fields).replaceWithVoid();
    }

    private static String time(Object value, CloudEvent event) {
        try {
            if (value instanceof String text) {
                return Instant.parse(text).toString();
            }
            if (value instanceof Number seconds) {
                return Instant.ofEpochMilli((long) (seconds.doubleValue() * 1000)).toString();
            }
        } catch (DateTimeException | ArithmeticException e) {
            // an unreadable time is the producer's bug, not a reason to lose the record: fall through to the event's
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

package io.tenancycore.security.audit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.audit.AuditLog;
import io.tenancycore.commons.events.CloudEvents;
import io.tenancycore.commons.events.MalformedEventException;
import io.tenancycore.commons.logging.LogFields;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Reads {@code tenancy.audit} from every service (channel {@value #CHANNEL}: one consumer group for the service) into
 * the tenants' chains. A record that is not a readable audit event goes to {@code tenancy.audit.dlq} (the channel's
 * dead-letter queue), so it neither blocks its partition nor vanishes; a failing store (Redis away) is retried for up
 * to 50 s first.
 */
@ApplicationScoped
public class AuditConsumer {

    public static final String CHANNEL = "audit-store";
    private static final Logger LOG = Logger.getLogger(AuditConsumer.class);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    @Inject
    AuditTrail trail;
    @Inject
    AuditKeys keys;
    @Inject
    ObjectMapper mapper;

    void archiveKeys(@Observes StartupEvent start) {
        // at once, not only before the first append: a master key rotation restarts the service with the new and the
        // previous key, and the old audit key must be archived under the new one before the previous key is dropped
        keys.ensureArchived().subscribe().with(ignored -> {
        }, failure -> LOG.warnf("audit keys not archived yet (retried before the next append): %s", failure));
    }

    @Incoming(CHANNEL)
    @Acknowledgment(Acknowledgment.Strategy.POST_PROCESSING)
    // A store that fails is Redis away (a restart, a failover): retried until it is back, for up to 50 s, so that a
    // valid record is never parked on the DLQ, missing from its tenant's chain, because of a short outage. Below the
    // connector's 60 s limit for a record not yet acknowledged, beyond which it would stop consuming altogether.
    @Retry(maxRetries = -1, maxDuration = 50, durationUnit = ChronoUnit.SECONDS, delay = 200, jitter = 0,
            abortOn = MalformedEventException.class)
    @ExponentialBackoff(maxDelay = 5000)
    public Uni<Void> consume(Message<byte[]> message) {
        String traceId = CloudEvents.traceIdOf(message);
        return CloudEvents.consume(message, event -> store(event, traceId));
    }

    Uni<Void> store(CloudEvent event) {
        return store(event, null);
    }

    /** Appends the record to its tenant's chain; one log line per stored record, with the producer's trace id. */
    Uni<Void> store(CloudEvent event, String traceId) {
        if (!AuditLog.EVENT_TYPE.equals(event.getType())) {
            return Uni.createFrom().voidItem();
        }
        Map<String, Object> data;
        try {
            data = event.getData() == null ? null : mapper.readValue(event.getData().toBytes(), MAP);
        } catch (IOException e) {
            return Uni.createFrom().failure(new MalformedEventException("unreadable audit event " + event.getId(), e));
        }
        if (data == null) {
            return Uni.createFrom().failure(new MalformedEventException("audit event " + event.getId() + " has no data"));
        }
        String tenant = text(data, "tenantId", "tenant_id");
        Object extension = event.getExtension(CloudEvents.TENANT_EXTENSION);
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
        return trail.append(scope, fields).invoke(() -> logStored(fields, scope, traceId)).replaceWithVoid();
    }

    private static void logStored(AuditTrail.Fields fields, String scope, String traceId) {
        if (traceId != null) {
            MDC.put(LogFields.TRACE_ID, traceId);
        }
        MDC.put(LogFields.TENANT_ID, scope);
        try {
            LOG.infof("audit record %s (%s) stored", fields.action(), fields.outcome());
        } finally {
            MDC.remove(LogFields.TRACE_ID);
            MDC.remove(LogFields.TENANT_ID);
        }
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

package io.tenancycore.commons.audit;

import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.events.EventSink;
import io.tenancycore.commons.events.EventTypes;
import io.tenancycore.commons.events.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Publishes audit records as {@value #EVENT_TYPE} CloudEvents to {@code tenancy.audit} (key: tenant), where
 * security-service stores them. Mutations usually get this through {@link Audited}.
 */
@ApplicationScoped
public class AuditLog {

    public static final String EVENT_TYPE = EventTypes.AUDIT_RECORDED;
    private static final Logger LOG = Logger.getLogger(AuditLog.class);

    private final EventSink publisher;
    private final boolean enabled;
    private final int publishAttempts;
    private final Duration retryBackoff;

    @Inject
    public AuditLog(EventSink publisher, AuditConfig config) {
        this(publisher, config.enabled(), config.publishAttempts(), config.retryBackoff());
    }

    public AuditLog(EventSink publisher, boolean enabled) {
        this(publisher, enabled, 5, Duration.ofMillis(200));
    }

    public AuditLog(EventSink publisher, boolean enabled, int publishAttempts, Duration retryBackoff) {
        this.publisher = publisher;
        this.enabled = enabled;
        this.publishAttempts = Math.max(1, publishAttempts);
        this.retryBackoff = retryBackoff;
    }

    public boolean enabled() {
        return enabled;
    }

    /** The record carries the caller's trace context (W3C {@code traceparent}, added by the connector's tracing). */
    public Uni<Void> record(AuditRecord record) {
        if (!enabled) {
            return Uni.createFrom().voidItem();
        }
        Uni<Void> publish = publisher.publish(Topics.AUDIT, record.tenantId(), EVENT_TYPE, record.resource(), record);
        if (publishAttempts > 1) {
            publish = publish.onFailure().retry()
                    .withBackOff(retryBackoff, retryBackoff.multipliedBy(10))
                    .atMost(publishAttempts - 1L);
        }
        return publish
                .onFailure().invoke(failure -> LOG.errorf("audit record lost: %s %s on %s by %s (%s)",
                        record.outcome().wireName(), record.action(), record.resource(), record.actor(),
                        failure.toString()));
    }
}

package io.tenancycore.commons.audit;

import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.events.CloudEventPublisher;
import io.tenancycore.commons.events.Topics;
import io.tenancycore.commons.events.TraceHeaders;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Publishes audit records as {@value #EVENT_TYPE} CloudEvents to {@code tenancy.audit} (key: tenant), where
 * security-service stores them. Mutations usually get this through {@link Audited}.
 */
@ApplicationScoped
public class AuditLog {

    public static final String EVENT_TYPE = "io.tenancycore.audit.recorded";
    private static final Logger LOG = Logger.getLogger(AuditLog.class);

    private final CloudEventPublisher publisher;
    private final boolean enabled;

    @Inject
    public AuditLog(CloudEventPublisher publisher, AuditConfig config) {
        this(publisher, config.enabled());
    }

    public AuditLog(CloudEventPublisher publisher, boolean enabled) {
        this.publisher = publisher;
        this.enabled = enabled;
    }

    public boolean enabled() {
        return enabled;
    }

    public Uni<Void> record(AuditRecord record) {
        return record(record, TraceHeaders.currentTraceparent().orElse(null));
    }

    /** @param traceparent the W3C trace context of the audited call, carried as record header */
    public Uni<Void> record(AuditRecord record, String traceparent) {
        if (!enabled) {
            return Uni.createFrom().voidItem();
        }
        return publisher.publish(Topics.AUDIT, record.tenantId(), EVENT_TYPE, record.resource(), record, traceparent)
                .onFailure().invoke(failure -> LOG.errorf("audit record lost: %s %s on %s by %s (%s)",
                        record.outcome().wireName(), record.action(), record.resource(), record.actor(),
                        failure.toString()));
    }
}

package io.tenancycore.commons.audit;

import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.events.CloudEventPublisher;
import io.tenancycore.commons.events.Topics;
import io.tenancycore.commons.events.TraceHeaders;
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

    public static final String EVENT_TYPE = "io.tenancycore.audit.recorded";
    private static final Logger LOG = Logger.getLogger(AuditLog.class);

    private final CloudEventPublisher publisher;
    private final boolean enabled;
    private final int publishAttempts;
    private final Duration retryBackoff;

    @Inject
    public AuditLog(CloudEventPublisher publisher, AuditConfig config) {
        this(publisher, config.enabled(), config.publishAttempts(), config.retryBackoff());
    }

    public AuditLog(CloudEventPublisher publisher, boolean enabled) {
        this(publisher, enabled, 5, Duration.ofMillis(200));
    }

    public AuditLog(CloudEventPublisher publisher, boolean enabled, int publishAttempts, Duration retryBackoff) {
        this.publisher = publisher;
        this.enabled = enabled;
        this.publishAttempts = Math.max(1, publishAttempts);
        this.retryBackoff = retryBackoff;
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
        Uni<Void> publish = publisher.publish(Topics.AUDIT, record.tenantId(), EVENT_TYPE, record.resource(), record,
                traceparent);
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

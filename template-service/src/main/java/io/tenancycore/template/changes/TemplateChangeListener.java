package io.tenancycore.template.changes;

import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.events.CloudEvents;
import io.tenancycore.commons.events.MalformedEventException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Every replica reads {@code tenancy.template-changes} (channel {@value #CHANNEL}, a consumer group per replica, see
 * application.yaml) into its change bus; what it cannot read is skipped (its cache TTL bounds the staleness).
 */
@ApplicationScoped
public class TemplateChangeListener {

    public static final String CHANNEL = "template-changes";

    @Inject
    TemplateChangeBus changes;

    @Incoming(CHANNEL)
    @Acknowledgment(Acknowledgment.Strategy.POST_PROCESSING)
    @Retry(maxRetries = 4, delay = 200, jitter = 0, abortOn = MalformedEventException.class)
    @ExponentialBackoff(maxDelay = 5000)
    public Uni<Void> consume(Message<byte[]> message) {
        return CloudEvents.consume(message, changes::onEvent);
    }
}

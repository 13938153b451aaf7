package io.tenancycore.commons.tenantstatus;

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
 * Every replica follows the tenant lifecycle events ({@code tenancy.tenants}, channel {@value #CHANNEL}, configured in
 * commons), so a suspension reaches it within a second. A service whose statuses do not come from the registry
 * ({@code tenancy.tenant-status.source=none}, or config-service with its own registry) acknowledges and ignores them.
 */
@ApplicationScoped
public class TenantStatusListener {

    public static final String CHANNEL = "tenant-status";

    @Inject
    TenantDirectory directory;

    @Incoming(CHANNEL)
    @Acknowledgment(Acknowledgment.Strategy.POST_PROCESSING)
    @Retry(maxRetries = 4, delay = 200, jitter = 0, abortOn = MalformedEventException.class)
    @ExponentialBackoff(maxDelay = 5000)
    public Uni<Void> onTenantEvent(Message<byte[]> message) {
        return CloudEvents.consume(message, event -> directory instanceof CachedTenantDirectory remote
                ? remote.onTenantEvent(event)
                : Uni.createFrom().voidItem());
    }
}

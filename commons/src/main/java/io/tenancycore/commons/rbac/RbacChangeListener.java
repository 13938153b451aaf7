package io.tenancycore.commons.rbac;

import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.events.CloudEvents;
import io.tenancycore.commons.events.MalformedEventException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Every replica drops cached role grants when security-service announces a role change ({@code
 * tenancy.security-changes}, channel {@value #CHANNEL}, configured in commons). With the configured (local) provider
 * there is nothing to drop: the events are acknowledged and ignored.
 */
@ApplicationScoped
public class RbacChangeListener {

    public static final String CHANNEL = "rbac-invalidation";

    @Inject
    RemoteRbacConfig config;

    @Inject
    Instance<RemotePermissionProvider> provider;

    @Incoming(CHANNEL)
    @Acknowledgment(Acknowledgment.Strategy.POST_PROCESSING)
    @Retry(maxRetries = 4, delay = 200, jitter = 0, abortOn = MalformedEventException.class)
    @ExponentialBackoff(maxDelay = 5000)
    public Uni<Void> onSecurityChange(Message<byte[]> message) {
        return CloudEvents.consume(message, event -> config.provider() == RemoteRbacConfig.Provider.REMOTE
                ? provider.get().onSecurityChange(event)
                : Uni.createFrom().voidItem());
    }
}

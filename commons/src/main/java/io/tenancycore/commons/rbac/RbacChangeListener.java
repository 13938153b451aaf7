package io.tenancycore.commons.rbac;

import io.cloudevents.CloudEvent;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.events.CloudEvents;
import io.tenancycore.commons.events.MalformedEventException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Every replica drops what it cached from security-service when security-service announces a change ({@code
 * tenancy.security-changes}, channel {@value #CHANNEL}, configured in commons): the remote provider's RBAC views and
 * whatever the service's own {@link SecurityChangeObserver}s keep (security-service: its RBAC views and unwrapped
 * transit keys). With the configured (local) provider and no observer the events are acknowledged and ignored.
 */
@ApplicationScoped
public class RbacChangeListener {

    public static final String CHANNEL = "rbac-invalidation";

    @Inject
    RemoteRbacConfig config;

    @Inject
    Instance<RemotePermissionProvider> provider;

    @Inject
    @Any
    Instance<SecurityChangeObserver> observers;

    @Incoming(CHANNEL)
    @Acknowledgment(Acknowledgment.Strategy.POST_PROCESSING)
    @Retry(maxRetries = 4, delay = 200, jitter = 0, abortOn = MalformedEventException.class)
    @ExponentialBackoff(maxDelay = 5000)
    public Uni<Void> onSecurityChange(Message<byte[]> message) {
        return CloudEvents.consume(message, this::onSecurityChange);
    }

    /** Hands one event to the remote provider (when selected) and every observer. */
    public Uni<Void> onSecurityChange(CloudEvent event) {
        List<Uni<Void>> handlers = new ArrayList<>();
        if (config.provider() == RemoteRbacConfig.Provider.REMOTE) {
            handlers.add(provider.get().onSecurityChange(event));
        }
        observers.forEach(observer -> handlers.add(observer.onSecurityChange(event)));
        return handlers.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(handlers).andCollectFailures()
                .replaceWithVoid();
    }
}

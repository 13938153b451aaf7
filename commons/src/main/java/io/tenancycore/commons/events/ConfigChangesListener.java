package io.tenancycore.commons.events;

import io.cloudevents.CloudEvent;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Every replica of every service reads {@code tenancy.config-changes} (channel {@value #CHANNEL}, configured in
 * commons, one consumer group per replica) and hands each event to the handlers registered here: the tiered caches'
 * invalidation, config-service's watchers, the config client. With no handler registered the events are only
 * acknowledged. Handlers must be idempotent: an event is delivered again after a failure.
 */
@ApplicationScoped
public class ConfigChangesListener {

    public static final String CHANNEL = "config-changes";

    private final List<Function<CloudEvent, Uni<Void>>> handlers = new CopyOnWriteArrayList<>();

    public void register(Function<CloudEvent, Uni<Void>> handler) {
        handlers.add(handler);
    }

    @Incoming(CHANNEL)
    @Acknowledgment(Acknowledgment.Strategy.POST_PROCESSING)
    @Retry(maxRetries = 4, delay = 200, jitter = 0, abortOn = MalformedEventException.class)
    @ExponentialBackoff(maxDelay = 5000)
    public Uni<Void> onChange(Message<byte[]> message) {
        return CloudEvents.consume(message, event -> Multi.createFrom().iterable(List.copyOf(handlers))
                .onItem().transformToUniAndConcatenate(handler -> handler.apply(event))
                .collect().last()
                .replaceWithVoid());
    }
}

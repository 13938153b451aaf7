package io.tenancycore.commons.events.handler;

import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.events.Priority;
import io.tenancycore.commons.events.filter.EventFilter;
import java.util.EnumSet;
import java.util.Set;

/**
 * The in-process side of the event bus (the seed's {@code EventHandler.handle(event)}): a CDI bean of a service that
 * sets {@code tenancy.event-handlers.enabled=true} at build time gets the tenants' published events
 * ({@code tenancy.events.high|normal|low}) that match its {@link #filter()} and {@link #priorities()}, once per service
 * (one consumer group per service and priority), high before normal before low as at the gateway. Delivery is at least
 * once: a handler must be idempotent (the event's id is stable). A failure is retried with backoff; after the last
 * attempt the event goes to {@code tenancy.events.dlq} with the reason.
 */
public interface EventHandler {

    Uni<Void> handle(BusEvent event);

    /** The events this handler takes, in the Subscriptions API dialects; default: every event. */
    default EventFilter filter() {
        return EventFilter.EVERYTHING;
    }

    /** The priorities this handler takes; default: all three. */
    default Set<Priority> priorities() {
        return EnumSet.allOf(Priority.class);
    }
}

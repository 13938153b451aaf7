package io.tenancycore.commons.events.handler;

import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.events.Priority;
import io.tenancycore.commons.events.filter.EventFilter;
import jakarta.inject.Singleton;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** The handlers a service would register, as {@link EventHandlerIT} needs them (singletons: no client proxy
 * stands between the test and their fields). */
final class RecordingHandlers {

    private RecordingHandlers() {
    }

    /** Orders, at high and normal priority only. */
    @Singleton
    static class OrderHandler implements EventHandler {
        final List<BusEvent> seen = new CopyOnWriteArrayList<>();

        @Override
        public Uni<Void> handle(BusEvent event) {
            seen.add(event);
            return Uni.createFrom().voidItem();
        }

        @Override
        public EventFilter filter() {
            return EventFilter.prefix("type", "order.");
        }

        @Override
        public Set<Priority> priorities() {
            return EnumSet.of(Priority.HIGH, Priority.NORMAL);
        }
    }

    /** Fails the first attempt of every event, then takes it. */
    @Singleton
    static class FlakyHandler implements EventHandler {
        final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

        @Override
        public Uni<Void> handle(BusEvent event) {
            int attempt = attempts.computeIfAbsent(event.id(), id -> new AtomicInteger()).incrementAndGet();
            return attempt == 1 ? Uni.createFrom().failure(new IllegalStateException("first attempt fails"))
                    : Uni.createFrom().voidItem();
        }

        @Override
        public EventFilter filter() {
            return EventFilter.exact("type", "flaky.once");
        }
    }

    /** Never takes an event. */
    @Singleton
    static class BrokenHandler implements EventHandler {
        final AtomicInteger attempts = new AtomicInteger();

        @Override
        public Uni<Void> handle(BusEvent event) {
            attempts.incrementAndGet();
            return Uni.createFrom().failure(new IllegalStateException("the downstream system is gone"));
        }

        @Override
        public EventFilter filter() {
            return EventFilter.exact("type", "broken.always");
        }
    }
}

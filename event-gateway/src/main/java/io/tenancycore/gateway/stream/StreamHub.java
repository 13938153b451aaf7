package io.tenancycore.gateway.stream;

import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
import io.tenancycore.commons.events.filter.EventFilter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The open live streams of this replica, by tenant. {@link LiveFeed} hands every event the replica reads to
 * {@link #publish}; each stream of the event's tenant whose filter matches gets it. A stream's queue is bounded
 * ({@link StreamConfig#buffer()}): a reader that falls that far behind is ended rather than held in memory.
 */
@ApplicationScoped
public class StreamHub {

    static final String OPEN_STREAMS = "tenant.events.streams.open";
    private static final int TOO_MANY_REQUESTS = 429;
    private static final String RETRY_AFTER_SECONDS = "5";

    private final StreamConfig config;
    private final Map<String, Set<Listener>> byTenant = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();

    public StreamHub(StreamConfig config, MeterRegistry registry) {
        this.config = config;
        Gauge.builder(OPEN_STREAMS, open, AtomicInteger::get).description("Live event streams open on this replica")
                .register(registry);
    }

    /** A new stream of {@code tenant}'s events that match {@code filter}; 429 when a limit is reached. */
    public Multi<CloudEvent> open(String tenant, EventFilter filter) {
        Listener listener = new Listener(tenant, filter, config.buffer());
        synchronized (this) {
            Set<Listener> listeners = byTenant.computeIfAbsent(tenant, t -> ConcurrentHashMap.newKeySet());
            if (listeners.size() >= config.maxPerTenant()) {
                throw tooMany("Tenant '" + tenant + "' already has " + listeners.size()
                        + " live streams open on this replica; close one first.");
            }
            if (open.get() >= config.maxPerReplica()) {
                throw tooMany("This replica serves its maximum of live streams; retry after Retry-After.");
            }
            listeners.add(listener);
            open.incrementAndGet();
        }
        return listener.processor.onTermination().invoke(() -> close(listener));
    }

    /** Hands {@code event} of {@code tenant} to the tenant's matching streams. */
    public void publish(String tenant, CloudEvent event) {
        Set<Listener> listeners = byTenant.get(tenant);
        if (listeners == null) {
            return;
        }
        for (Listener listener : listeners) {
            if (listener.filter.test(event)) {
                listener.offer(event);
            }
        }
    }

    /** Streams open for {@code tenant} on this replica. */
    public int openStreams(String tenant) {
        Set<Listener> listeners = byTenant.get(tenant);
        return listeners == null ? 0 : listeners.size();
    }

    private void close(Listener listener) {
        if (!listener.closed.compareAndSet(false, true)) {
            return;
        }
        synchronized (this) {
            Set<Listener> listeners = byTenant.get(listener.tenant);
            if (listeners != null && listeners.remove(listener)) {
                open.decrementAndGet();
                if (listeners.isEmpty()) {
                    byTenant.remove(listener.tenant);
                }
            }
        }
    }

    private static WebApplicationException tooMany(String detail) {
        return new WebApplicationException(detail, Response.status(TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).build());
    }

    /** One open stream: its filter and its bounded queue (the processor fails when the queue is full). */
    private static final class Listener {
        final String tenant;
        final EventFilter filter;
        final UnicastProcessor<CloudEvent> processor;
        final AtomicBoolean closed = new AtomicBoolean();

        Listener(String tenant, EventFilter filter, int buffer) {
            this.tenant = tenant;
            this.filter = filter;
            this.processor = UnicastProcessor.create(new ArrayBlockingQueue<>(buffer), null);
        }

        /** Serialised: the feed's channels may run on different threads, a processor takes one item at a time. */
        synchronized void offer(CloudEvent event) {
            if (!closed.get()) {
                processor.onNext(event);
            }
        }
    }
}

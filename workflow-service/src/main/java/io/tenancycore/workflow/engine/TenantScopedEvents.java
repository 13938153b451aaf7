package io.tenancycore.workflow.engine;

import io.cloudevents.CloudEvent;
import io.serverlessworkflow.api.types.EventFilter;
import io.serverlessworkflow.impl.WorkflowApplication;
import io.serverlessworkflow.impl.events.CloudEventPredicate;
import io.serverlessworkflow.impl.events.InMemoryEvents;
import io.serverlessworkflow.impl.events.TypeEventRegistration;
import io.serverlessworkflow.impl.events.TypeEventRegistrationBuilder;
import io.tenancycore.commons.events.CloudEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The event bus of tenants' workflows ({@code emit} and {@code listen}). Emitted events leave the process through the
 * {@link EventTransport} (Kafka); events coming back from it ({@link #deliver}) reach this process's listeners. Every
 * tenant's definitions share one runtime application, so an emitted event always carries its workflow's tenant in the
 * {@code tenantid} extension ({@link TenantStamp}, which overrides whatever the definition wrote), and a
 * {@code listen} accepts only events of the tenant whose definition declared it.
 * <p>
 * The runtime creates a listen task's registration while it builds the definition, without saying for which
 * workflow; {@link #buildingFor} names the tenant for that build (one thread, synchronous). A registration built
 * outside it fails, so an unscoped listener can never exist.
 * <p>
 * A waiting listen ({@link #listen}) also reads the events the transport kept since it first started, once at once
 * and then every replay interval until it is over: what was published while its instance was not running (a crash,
 * a move to another replica) or before this replica's consumer caught up still wakes it. Each registration takes an
 * event (source and id) once, whichever way it came, and only if it was published at or after its listen began: a
 * consumer lagging behind must not hand a new listen an event that was over before it started (both ways compare the
 * record's publication time, to the millisecond, with the journaled start of the wait).
 */
final class TenantScopedEvents extends InMemoryEvents {

    private static final Logger LOG = Logger.getLogger(TenantScopedEvents.class);
    private static final ThreadLocal<String> BUILDING_FOR = new ThreadLocal<>();
    private static final ThreadLocal<WaitingListen> REGISTERING = new ThreadLocal<>();

    private final EventTransport transport;
    private final Set<WaitingListen> waiting = ConcurrentHashMap.newKeySet();
    /** When each event being delivered live was published (the runtime hands it on on another thread). */
    private final Map<String, Instant> publishedAt = new ConcurrentHashMap<>();
    private final ScheduledExecutorService replays;

    TenantScopedEvents(EventTransport transport, Duration replayInterval) {
        this.transport = transport;
        this.replays = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "workflow-listen-replay");
            thread.setDaemon(true);
            return thread;
        });
        long every = replayInterval.toMillis();
        replays.scheduleWithFixedDelay(this::replayAll, every, every, TimeUnit.MILLISECONDS);
    }

    /** Builds a definition of {@code tenantId}: its listen tasks accept only that tenant's events. */
    static <T> T buildingFor(String tenantId, Supplier<T> build) {
        BUILDING_FOR.set(tenantId);
        try {
            return build.get();
        } finally {
            BUILDING_FOR.remove();
        }
    }

    /** An emitted event goes to the bus; listeners here get it when it comes back ({@link #deliver}). */
    @Override
    public CompletableFuture<Void> publish(CloudEvent event) {
        return transport.send(event);
    }

    /** An event from the bus, published at {@code at}, to this process's listeners of its tenant. */
    CompletableFuture<Void> deliver(CloudEvent event, Instant at) {
        String key = eventKey(event);
        publishedAt.put(key, at);
        return super.publish(event).whenComplete((done, error) -> publishedAt.remove(key, at));
    }

    private static String eventKey(CloudEvent event) {
        return event.getSource() + "\u0000" + event.getId();
    }

    @Override
    public TypeEventRegistrationBuilder listen(EventFilter filter, WorkflowApplication application) {
        return scoped(super.listen(filter, application));
    }

    @Override
    public Collection<TypeEventRegistrationBuilder> listenToAll(WorkflowApplication application) {
        return super.listenToAll(application).stream().map(TenantScopedEvents::scoped).toList();
    }

    @Override
    public TypeEventRegistration register(TypeEventRegistrationBuilder builder, Consumer<CloudEvent> consumer) {
        WaitingListen listen = REGISTERING.get();
        if (listen == null) {
            return super.register(builder, consumer);
        }
        OnceEach once = new OnceEach(builder, consumer, listen, publishedAt);
        TypeEventRegistration registration = super.register(builder, once);
        listen.add(once, registration);
        return registration;
    }

    /** {@code listener} of {@code tenantId} waits for events since {@code since}: the tenant's events are kept. */
    void listening(String tenantId, String listener, Instant since) {
        transport.listening(tenantId, listener, since);
    }

    /**
     * Runs the registration of a listen task ({@code register}) as the listener {@code listener} of {@code tenantId}
     * (already {@link #listening}), waiting for events since {@code since}. Returns what {@code register} returned;
     * {@code created} gets the listen, for {@link #stop}.
     */
    <T> CompletableFuture<T> listen(String tenantId, String listener, Instant since,
            Supplier<CompletableFuture<T>> register, Consumer<WaitingListen> created) {
        WaitingListen listen = new WaitingListen(tenantId, since);
        created.accept(listen);
        CompletableFuture<T> done;
        REGISTERING.set(listen);
        try {
            done = register.get();
        } finally {
            REGISTERING.remove();
        }
        waiting.add(listen);
        done.whenComplete((result, error) -> {
            // stopped from outside (cancelled, or the lease moved to another replica): the instance's runner or
            // the replica that resumes it decides; only a listen that heard its events stops the keeping
            boolean heard = error == null && !listen.closed;
            stop(listen);
            if (heard) {
                transport.notListening(tenantId, listener);
            }
        });
        replay(listen);
        return done;
    }

    /** The listen's instance stopped (cancelled, or moved to another replica): its registrations go. */
    void stop(WaitingListen listen) {
        waiting.remove(listen);
        listen.close().forEach(this::unregister);
    }

    private void replayAll() {
        for (WaitingListen listen : waiting) {
            replay(listen);
        }
    }

    private void replay(WaitingListen listen) {
        try {
            for (CloudEvent event : transport.since(listen.tenantId, listen.since)) {
                listen.offer(event);
            }
        } catch (RuntimeException e) {
            LOG.warnf("could not read the kept events of tenant %s: %s", listen.tenantId, e.toString());
        }
    }

    private static TypeEventRegistrationBuilder scoped(TypeEventRegistrationBuilder registration) {
        String tenant = BUILDING_FOR.get();
        if (tenant == null) {
            throw new IllegalStateException("a listen task was built outside a tenant's definition");
        }
        CloudEventPredicate declared = registration.cePredicate();
        CloudEventPredicate ofTenant = event -> tenant.equals(CloudEvents.tenantOf(event))
                && (declared == null || declared.test(event));
        return new TypeEventRegistrationBuilder(registration.type(), ofTenant);
    }

    /** One waiting listen task: its registrations (its {@code until} ones included) and where its wait began. */
    static final class WaitingListen {
        final String tenantId;
        final Instant since;
        private final List<OnceEach> consumers = new CopyOnWriteArrayList<>();
        private final List<TypeEventRegistration> registrations = new CopyOnWriteArrayList<>();
        private volatile boolean closed;

        WaitingListen(String tenantId, Instant since) {
            this.tenantId = tenantId;
            this.since = since;
        }

        void add(OnceEach consumer, TypeEventRegistration registration) {
            consumers.add(consumer);
            registrations.add(registration);
        }

        void offer(CloudEvent event) {
            for (OnceEach consumer : consumers) {
                consumer.offer(event);
            }
        }

        List<TypeEventRegistration> close() {
            closed = true;
            List<TypeEventRegistration> all = List.copyOf(registrations);
            registrations.clear();
            return all;
        }
    }

    /** A registration's consumer that takes each event once and nothing after its listen is over. */
    private static final class OnceEach implements Consumer<CloudEvent> {
        private final TypeEventRegistrationBuilder builder;
        private final Consumer<CloudEvent> consumer;
        private final WaitingListen listen;
        private final Map<String, Instant> publishedAt;
        private final Set<String> seen = ConcurrentHashMap.newKeySet();

        OnceEach(TypeEventRegistrationBuilder builder, Consumer<CloudEvent> consumer, WaitingListen listen,
                Map<String, Instant> publishedAt) {
            this.builder = builder;
            this.consumer = consumer;
            this.listen = listen;
            this.publishedAt = publishedAt;
        }

        /** A kept event: only if this registration would have taken it live. */
        void offer(CloudEvent event) {
            if ((builder.type() == null || Objects.equals(builder.type(), event.getType()))
                    && (builder.cePredicate() == null || builder.cePredicate().test(event))) {
                accept(event);
            }
        }

        /**
         * One event at a time per listen (live and kept ones may arrive together): the event that ends the listen
         * closes it before the next one is looked at.
         */
        @Override
        public void accept(CloudEvent event) {
            String key = eventKey(event);
            if (publishedBefore(publishedAt.get(key))) {
                return;
            }
            synchronized (listen) {
                if (!listen.closed && seen.add(key)) {
                    consumer.accept(event);
                }
            }
        }

        /** Kept events were chosen by time already; a live one published before the wait began is not for it. */
        private boolean publishedBefore(Instant at) {
            return at != null && at.toEpochMilli() < listen.since.toEpochMilli();
        }
    }

    @Override
    public void close() throws Exception {
        replays.shutdownNow();
        super.close();
    }
}

package io.tenancycore.workflow.engine;

import io.cloudevents.CloudEvent;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Where tenants' workflow events travel and are kept, outside this process: emitted events go to the event bus
 * (Kafka), and while a {@code listen} of a tenant waits, the tenant's events are kept (Redis) so that a listener
 * resumed after a crash, or on another replica, still gets what was published meanwhile. Implemented by the
 * {@code events} package, so the engine depends on neither Kafka nor Redis.
 */
public interface EventTransport {

    /** Publishes an emitted event (its {@code tenantid} already stamped); completes once the bus holds it. */
    CompletableFuture<Void> send(CloudEvent event);

    /**
     * {@code listener} of {@code tenantId} waits for events published since {@code since}: the tenant's events are
     * kept. Idempotent: the first call's {@code since} counts.
     */
    void listening(String tenantId, String listener, Instant since);

    /** {@code listener} waits no more; once no listener of the tenant waits, its kept events are dropped. */
    void notListening(String tenantId, String listener);

    /** The tenant's kept events published at or after {@code since}, oldest first. */
    List<CloudEvent> since(String tenantId, Instant since);
}

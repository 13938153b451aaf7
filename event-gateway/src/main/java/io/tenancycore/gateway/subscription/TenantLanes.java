package io.tenancycore.gateway.subscription;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * One lane of work per tenant: a tenant's work runs in the order it was submitted, one piece after the other, while
 * different tenants' lanes run side by side. The dispatcher delivers through it so that a tenant whose sink is slow or
 * failing (retries, timeouts, backoff) holds up only its own later events, never another tenant's.
 *
 * <p>At most {@code capacity} pieces of work are under way or waiting; {@link #submit} answers a stage that completes
 * once there is room for more, which the caller (the Kafka consumer) waits for before it takes the next record.
 * Submissions come from one thread at a time (a channel's consumer); completions from any.
 */
final class TenantLanes {

    private static final CompletableFuture<Void> IDLE = CompletableFuture.completedFuture(null);

    private final int capacity;
    private final Map<String, CompletableFuture<Void>> tails = new HashMap<>();
    private int pending;
    private CompletableFuture<Void> room = IDLE;

    TenantLanes(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.capacity = capacity;
    }

    /**
     * Runs {@code work} once everything submitted before on {@code lane} has finished (whatever its outcome); the
     * answer completes when fewer than {@code capacity} pieces of work are pending.
     */
    CompletionStage<Void> submit(String lane, Supplier<CompletionStage<Void>> work) {
        CompletableFuture<Void> previous;
        CompletableFuture<Void> tail = new CompletableFuture<>();
        CompletableFuture<Void> admitted;
        synchronized (this) {
            previous = tails.getOrDefault(lane, IDLE);
            tails.put(lane, tail);
            pending++;
            if (pending >= capacity && room.isDone()) {
                room = new CompletableFuture<>();
            }
            admitted = room;
        }
        // tails always complete normally, so a failed piece of work never stops its lane
        previous.thenCompose(previousDone -> work.get()).whenComplete((done, failure) -> {
            finished(lane, tail);
            tail.complete(null);
        });
        return admitted;
    }

    /** Pieces of work under way or waiting in a lane. */
    synchronized int pending() {
        return pending;
    }

    private void finished(String lane, CompletableFuture<Void> tail) {
        CompletableFuture<Void> freed = null;
        synchronized (this) {
            tails.remove(lane, tail);
            pending--;
            if (pending < capacity && !room.isDone()) {
                freed = room;
            }
        }
        if (freed != null) {
            freed.complete(null);
        }
    }
}

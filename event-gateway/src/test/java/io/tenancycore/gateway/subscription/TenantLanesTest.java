package io.tenancycore.gateway.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Lanes keep each tenant's work in order, let other tenants pass a stuck one, and push back when full. */
class TenantLanesTest {

    private final List<String> started = new CopyOnWriteArrayList<>();

    private CompletionStage<Void> submit(TenantLanes lanes, String lane, String name, CompletableFuture<Void> done) {
        return lanes.submit(lane, () -> {
            started.add(name);
            return done;
        });
    }

    @Test
    void aTenantsWorkRunsInOrderOneAfterTheOther() {
        TenantLanes lanes = new TenantLanes(10);
        CompletableFuture<Void> first = new CompletableFuture<>();
        submit(lanes, "acme", "first", first);
        submit(lanes, "acme", "second", CompletableFuture.completedFuture(null));
        assertEquals(List.of("first"), started);
        first.complete(null);
        assertEquals(List.of("first", "second"), started);
        assertEquals(0, lanes.pending());
    }

    @Test
    void aStuckTenantHoldsUpNoOtherTenant() {
        TenantLanes lanes = new TenantLanes(10);
        submit(lanes, "slow", "slow-1", new CompletableFuture<>());
        submit(lanes, "slow", "slow-2", CompletableFuture.completedFuture(null));
        submit(lanes, "other", "other-1", CompletableFuture.completedFuture(null));
        assertEquals(List.of("slow-1", "other-1"), started);
        assertEquals(2, lanes.pending());
    }

    @Test
    void aFailedPieceOfWorkDoesNotStopItsLane() {
        TenantLanes lanes = new TenantLanes(10);
        lanes.submit("acme", () -> {
            throw new IllegalStateException("broken");
        });
        submit(lanes, "acme", "after", CompletableFuture.failedFuture(new IllegalStateException("refused")));
        submit(lanes, "acme", "last", CompletableFuture.completedFuture(null));
        assertEquals(List.of("after", "last"), started);
        assertEquals(0, lanes.pending());
    }

    @Test
    void noRoomIsAnsweredUntilPendingWorkFinishes() {
        TenantLanes lanes = new TenantLanes(2);
        CompletableFuture<Void> stuck = new CompletableFuture<>();
        assertTrue(submit(lanes, "a", "a-1", stuck).toCompletableFuture().isDone());
        CompletionStage<Void> full = submit(lanes, "b", "b-1", new CompletableFuture<>());
        assertFalse(full.toCompletableFuture().isDone(), "two pending with room for two: wait");
        stuck.complete(null);
        assertTrue(full.toCompletableFuture().isDone());
    }
}

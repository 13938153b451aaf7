package io.tenancycore.alert.alert;

import io.smallrye.mutiny.Uni;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * One lane per tenant in this replica: posts for a tenant are written one script at a time, and whatever arrived
 * while a script ran is written together by the next one (group commit, up to {@code maxCombined} alerts). So
 * concurrent posts of the same alerts on one replica never race (no compare-and-set conflict, no retry), and a busy
 * tenant costs one read and one script per round rather than per request. Posts keep their arrival order; each
 * request gets the answers for its own alerts. Replicas still race each other: the script's guards handle that. A
 * lane that runs dry leaves the map, so the map holds only tenants with posts in flight, not every tenant ever seen.
 */
final class IngestLanes {

    /** One post of an alert and who made it (the history's actor). */
    record Post(Alert alert, String actor) {
    }

    /** The posts' new alerts would take the tenant past its cap: nothing was stored. */
    static final class TenantFull extends RuntimeException {
        TenantFull() {
            super(null, null, false, false);
        }
    }

    private record Waiting(List<Post> posts, CompletableFuture<List<AlertService.Ingested>> done) {
    }

    private static final class Lane {
        final String tenantId;
        final ArrayDeque<Waiting> queue = new ArrayDeque<>();
        boolean running;
        /** Out of the map: a submit that still holds it takes (or makes) the tenant's current lane instead. */
        boolean retired;

        Lane(String tenantId) {
            this.tenantId = tenantId;
        }
    }

    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
    private final BiFunction<String, List<Post>, Uni<List<AlertService.Ingested>>> writer;
    private final int maxCombined;

    /** {@code writer} stores one tenant's posts all or nothing, failing with {@link TenantFull} past the cap. */
    IngestLanes(BiFunction<String, List<Post>, Uni<List<AlertService.Ingested>>> writer, int maxCombined) {
        this.writer = writer;
        this.maxCombined = maxCombined;
    }

    /** Tenants with posts queued or being written. */
    int activeLanes() {
        return lanes.size();
    }

    Uni<List<AlertService.Ingested>> submit(String tenantId, List<Post> posts) {
        return Uni.createFrom().deferred(() -> {
            Waiting waiting = new Waiting(posts, new CompletableFuture<>());
            while (true) {
                Lane lane = lanes.computeIfAbsent(tenantId, Lane::new);
                boolean start;
                synchronized (lane) {
                    if (lane.retired) {
                        continue; // it ran dry and left the map between the lookup and the lock
                    }
                    lane.queue.add(waiting);
                    start = !lane.running;
                    lane.running = true;
                }
                if (start) {
                    drain(lane);
                }
                return Uni.createFrom().completionStage(waiting.done());
            }
        });
    }

    private void drain(Lane lane) {
        List<Waiting> taken = new ArrayList<>();
        synchronized (lane) {
            int alerts = 0;
            while (!lane.queue.isEmpty()
                    && (taken.isEmpty() || alerts + lane.queue.peek().posts().size() <= maxCombined)) {
                Waiting next = lane.queue.poll();
                taken.add(next);
                alerts += next.posts().size();
            }
            if (taken.isEmpty()) {
                // Under the lane's lock, so no submit can queue on it after this: one lane per tenant at a time.
                lane.running = false;
                lane.retired = true;
                lanes.remove(lane.tenantId, lane);
                return;
            }
        }
        write(lane.tenantId, taken).subscribe().with(done -> drain(lane), failure -> drain(lane));
    }

    /** Writes the requests together; each is answered (or failed) before the lane moves on. */
    private Uni<Void> write(String tenantId, List<Waiting> taken) {
        List<Post> all = new ArrayList<>();
        taken.forEach(waiting -> all.addAll(waiting.posts()));
        // deferred: a writer that throws instead of failing its Uni must not leave the lane stuck
        return Uni.createFrom().deferred(() -> writer.apply(tenantId, all)).onItemOrFailure().transformToUni((answers, failure) -> {
            if (failure instanceof TenantFull && taken.size() > 1) {
                // one request's new alerts may fit where all of them together do not: each on its own, in order
                Uni<Void> each = Uni.createFrom().voidItem();
                for (Waiting waiting : taken) {
                    each = each.chain(() -> write(tenantId, List.of(waiting)));
                }
                return each;
            }
            int from = 0;
            for (Waiting waiting : taken) {
                if (failure != null) {
                    waiting.done().completeExceptionally(failure);
                } else {
                    waiting.done().complete(answers.subList(from, from + waiting.posts().size()));
                    from += waiting.posts().size();
                }
            }
            return Uni.createFrom().voidItem();
        });
    }
}

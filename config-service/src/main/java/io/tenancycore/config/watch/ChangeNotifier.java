package io.tenancycore.config.watch;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;

/**
 * Wakes this replica's watchers of an owner (tenant or platform) when a change becomes known — from a write on this
 * replica or from another replica's change event. Waiters are one-shot; stream listeners stay until removed.
 */
@ApplicationScoped
public class ChangeNotifier {

    private final Map<String, Set<CompletableFuture<Long>>> waiters = new ConcurrentHashMap<>();
    private final Map<String, Set<LongConsumer>> listeners = new ConcurrentHashMap<>();

    /**
     * Register before reading the log, so that a change landing in between is not missed. The waiter wakes on a
     * change of any of the owners (a tenant's watch: the tenant and the platform).
     */
    public Waiter register(String... owners) {
        CompletableFuture<Long> future = new CompletableFuture<>();
        for (String owner : owners) {
            waiters.computeIfAbsent(owner, o -> ConcurrentHashMap.newKeySet()).add(future);
        }
        return new Waiter(owners, future);
    }

    public Runnable listen(String owner, LongConsumer onRevision) {
        listeners.computeIfAbsent(owner, o -> ConcurrentHashMap.newKeySet()).add(onRevision);
        return () -> listeners.getOrDefault(owner, Set.of()).remove(onRevision);
    }

    public void changed(String owner, long revision) {
        Set<CompletableFuture<Long>> woken = waiters.remove(owner);
        if (woken != null) {
            woken.forEach(future -> future.complete(revision));
        }
        listeners.getOrDefault(owner, Set.of()).forEach(listener -> listener.accept(revision));
    }

    public final class Waiter {
        private final String[] owners;
        private final CompletableFuture<Long> future;

        Waiter(String[] owners, CompletableFuture<Long> future) {
            this.owners = owners;
            this.future = future;
        }

        /** Completes with the changed revision, or with {@code null} after {@code wait}. */
        public Uni<Long> await(Duration wait) {
            return Uni.createFrom().completionStage(future)
                    .ifNoItem().after(wait).recoverWithItem(() -> null)
                    .eventually(this::cancel);
        }

        public void cancel() {
            for (String owner : owners) {
                Set<CompletableFuture<Long>> set = waiters.get(owner);
                if (set != null) {
                    set.remove(future);
                }
            }
        }
    }
}

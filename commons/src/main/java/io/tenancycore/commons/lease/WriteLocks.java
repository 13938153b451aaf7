package io.tenancycore.commons.lease;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.error.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Serializes the writes of one resource across every replica, so that an {@code If-Match} check and the write it
 * guards happen as one step: without it, two writers holding the same ETag could both pass the check and the second
 * would silently overwrite the first (a lost update). Resources whose store has no compare-and-set of its own (a
 * revision counter checked in a Lua script) take this lock around every write, conditional or not.
 *
 * <p>The lock is a {@link RedisLease} with a random owner per write: it expires by itself if the holder dies, and a
 * waiting writer polls with jitter up to a bound, then gets a 409 telling it to retry.
 */
@ApplicationScoped
public class WriteLocks {

    private static final Duration FIRST_PAUSE = Duration.ofMillis(5);
    private static final Duration MAX_PAUSE = Duration.ofMillis(100);

    @Inject
    ReactiveRedisDataSource redis;

    /** How long a write may hold the lock before it expires (a holder that died). */
    @ConfigProperty(name = "tenancy.write-locks.hold", defaultValue = "10s")
    Duration hold;

    /** How long a writer waits for another write of the same resource before it is refused (409). */
    @ConfigProperty(name = "tenancy.write-locks.wait", defaultValue = "3s")
    Duration wait;

    /**
     * Runs {@code checkAndWrite} while holding the lock named {@code lockKey} (a key of DESIGN's layout, hash-tagged by
     * tenant); the lock is released whatever the outcome.
     */
    public <T> Uni<T> serialized(String lockKey, Supplier<Uni<? extends T>> checkAndWrite) {
        String owner = UUID.randomUUID().toString();
        RedisLease lease = new RedisLease(redis, lockKey, owner);
        long deadline = System.nanoTime() + wait.toNanos();
        return acquire(lockKey, owner, deadline, FIRST_PAUSE)
                .chain(() -> Uni.createFrom().<T>deferred(checkAndWrite).onTermination().call(lease::release));
    }

    /** Unlike {@link RedisLease#tryAcquire}, a Redis failure fails the write (503 upstream) instead of waiting. */
    private Uni<Void> acquire(String lockKey, String owner, long deadline, Duration pause) {
        return redis.execute("SET", lockKey, owner, "NX", "PX", Long.toString(hold.toMillis())).chain(response -> {
            if (response != null && "OK".equals(response.toString())) {
                return Uni.createFrom().voidItem();
            }
            if (System.nanoTime() - deadline > 0) {
                return Uni.createFrom().failure(ProblemException.conflict(
                        "Another write of this resource is in progress; retry."));
            }
            long jittered = pause.toMillis() / 2 + ThreadLocalRandom.current().nextLong(pause.toMillis() / 2 + 1);
            Duration next = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
            return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(Math.max(1, jittered)))
                    .chain(() -> acquire(lockKey, owner, deadline, next));
        });
    }
}

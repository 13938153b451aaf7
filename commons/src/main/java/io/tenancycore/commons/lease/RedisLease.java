package io.tenancycore.commons.lease;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import java.time.Duration;

/**
 * A cluster-wide lease in Redis ({@code SET NX PX}): while one replica holds it, the others skip the job it
 * guards. It expires by itself if the holder dies; only the holder can release it.
 */
public class RedisLease {

    private static final String RELEASE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0""";

    private final ReactiveRedisDataSource redis;
    private final String key;
    private final String owner;

    public RedisLease(ReactiveRedisDataSource redis, String key, String owner) {
        this.redis = redis;
        this.key = key;
        this.owner = owner;
    }

    /** True when this replica now holds the lease. */
    public Uni<Boolean> tryAcquire(Duration ttl) {
        return redis.execute("SET", key, owner, "NX", "PX", Long.toString(ttl.toMillis()))
                .map(response -> response != null && "OK".equals(response.toString()))
                .onFailure().recoverWithItem(false);
    }

    public Uni<Void> release() {
        return redis.execute("EVAL", RELEASE, "1", key, owner).replaceWithVoid()
                .onFailure().recoverWithNull();
    }

    /** Runs the job only when the lease is free; the lease is released afterwards, whatever the outcome. */
    public <T> Uni<T> runExclusively(Duration ttl, Uni<T> job, T whenBusy) {
        return tryAcquire(ttl).chain(acquired -> {
            if (!acquired) {
                return Uni.createFrom().item(whenBusy);
            }
            return job.onTermination().call(this::release);
        });
    }
}

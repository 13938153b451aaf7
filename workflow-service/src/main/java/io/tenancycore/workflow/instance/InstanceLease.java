package io.tenancycore.workflow.instance;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.tenancycore.commons.lease.RedisLease;
import java.time.Duration;

/**
 * The per-instance lease of the replica running it: commons' {@link RedisLease} to take and give it back, plus the
 * heartbeat that extends it while the instance runs — only for its owner, so a replica that lost it learns so.
 */
final class InstanceLease {

    private static final String RENEW = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
            return 0""";

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

    private final ReactiveRedisDataSource redis;
    private final RedisLease lease;
    private final String key;
    private final String owner;

    InstanceLease(ReactiveRedisDataSource redis, String key, String owner) {
        this.redis = redis;
        this.lease = new RedisLease(redis, key, owner);
        this.key = key;
        this.owner = owner;
    }

    boolean tryAcquire(Duration ttl) {
        return lease.tryAcquire(ttl).await().atMost(CALL_TIMEOUT);
    }

    /** False when this replica no longer holds the lease (it expired and another took it, or Redis is unreachable). */
    boolean renew(Duration ttl) {
        try {
            var response = redis.execute("EVAL", RENEW, "1", key, owner, Long.toString(ttl.toMillis()))
                    .await().atMost(CALL_TIMEOUT);
            return response != null && response.toLong() == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }

    void release() {
        lease.release().await().atMost(CALL_TIMEOUT);
    }
}

package io.tenancycore.workflow.events;

import io.quarkus.redis.datasource.RedisDataSource;
import io.tenancycore.commons.redis.TenantKeys;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/**
 * The events of tenants whose workflows wait in a {@code listen}, kept in Redis for listens resumed after a crash or
 * on another replica. Per tenant (one hash slot): {@code workflow:{t}:listeners} (the waiting listens, scored by when
 * each began) and {@code workflow:{t}:event-log} (the tenant's events, scored by publication time). Events are kept
 * only while a listen of the tenant waits, and none older than the oldest waiting listen; the log goes with the last
 * listener. Each entry is {@code <topic>/<partition>/<offset>} and the event, so a record delivered twice is kept once.
 */
@ApplicationScoped
public class EventLogStore {

    private static final String SERVICE = "workflow";

    /** KEYS: listeners, log; ARGV: published at (ms), entry. */
    private static final String KEEP = """
            local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
            if #oldest == 0 then return 0 end
            redis.call('ZADD', KEYS[2], ARGV[1], ARGV[2])
            redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', '(' .. oldest[2])
            return 1
            """;

    /** KEYS: listeners, log; ARGV: listener. */
    private static final String FORGET = """
            redis.call('ZREM', KEYS[1], ARGV[1])
            if redis.call('ZCARD', KEYS[1]) == 0 then redis.call('DEL', KEYS[2]) end
            return 1
            """;

    private final RedisDataSource redis;

    public EventLogStore(RedisDataSource redis) {
        this.redis = redis;
    }

    static String listenersKey(String tenantId) {
        return TenantKeys.key(SERVICE, tenantId, "listeners");
    }

    static String logKey(String tenantId) {
        return TenantKeys.key(SERVICE, tenantId, "event-log");
    }

    /** Keeps an event of the tenant if one of its listens waits; {@code false} when none does. */
    public boolean keep(String tenantId, Instant publishedAt, String entry) {
        return redis.execute("EVAL", KEEP, "2", listenersKey(tenantId), logKey(tenantId),
                Long.toString(publishedAt.toEpochMilli()), entry).toLong() == 1;
    }

    /**
     * A listen of the tenant waits for events since {@code since} (the start of its first wait: a resumed listen keeps
     * its place, and what was kept for it stays). The first call counts.
     */
    public void listening(String tenantId, String listener, Instant since) {
        redis.execute("ZADD", listenersKey(tenantId), "NX", Long.toString(since.toEpochMilli()), listener);
    }

    public void notListening(String tenantId, String listener) {
        redis.execute("EVAL", FORGET, "2", listenersKey(tenantId), logKey(tenantId), listener);
    }

    /** The entries published at or after {@code since}, oldest first. */
    public List<String> since(String tenantId, Instant since) {
        return redis.sortedSet(String.class).zrangebyscore(logKey(tenantId),
                new io.quarkus.redis.datasource.sortedset.ScoreRange<>((double) since.toEpochMilli(),
                        Double.POSITIVE_INFINITY));
    }
}

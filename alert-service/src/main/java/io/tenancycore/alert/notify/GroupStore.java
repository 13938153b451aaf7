package io.tenancycore.alert.notify;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.sortedset.ScoreRange;
import io.quarkus.redis.datasource.sortedset.ScoredValue;
import io.quarkus.redis.datasource.sortedset.ZRangeArgs;
import io.smallrye.mutiny.Uni;
import io.tenancycore.alert.support.Keys;
import io.tenancycore.alert.support.TenantWrites;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Notification groups in Redis, in the tenant's slot: {@code alert:{t}:groups} (group key → when it is next due),
 * {@code alert:{t}:group:<key>} (route, receiver, labels, timings, what was last sent and when) and
 * {@code alert:{t}:group:<key>:alerts} (member fingerprints). {@link #claim} is the once-per-cluster step: a Lua
 * script moves the due time forward only if it is still the one the replica saw, so of two replicas looking at the
 * same due group exactly one flushes it; it holds the group until {@link #release} sets its next due time.
 */
@ApplicationScoped
public class GroupStore {

    private static final String CLAIM = """
            local due = redis.call('ZSCORE', KEYS[1], ARGV[1])
            if due and tonumber(due) == tonumber(ARGV[2]) then
              redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1])
              return 1
            end
            return 0""";

    /** Sets the next due time of a group this replica flushed, unless someone moved it since (or it was dropped). */
    private static final String RELEASE = """
            local due = redis.call('ZSCORE', KEYS[1], ARGV[1])
            if due and tonumber(due) == tonumber(ARGV[2]) then
              redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1])
              return 1
            end
            return 0""";

    /** Drops the group when no member is left (an add in between keeps it). */
    private static final String DROP_IF_EMPTY = """
            if redis.call('SCARD', KEYS[3]) == 0 then
              redis.call('ZREM', KEYS[1], ARGV[1])
              redis.call('DEL', KEYS[2])
              return 1
            end
            return 0""";

    private final ReactiveRedisDataSource redis;

    public GroupStore(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    static String groups(String tenantId) {
        return Keys.of(tenantId, "groups");
    }

    static String metaKey(String tenantId, String groupKey) {
        return Keys.of(tenantId, "group:" + groupKey);
    }

    static String membersKey(String tenantId, String groupKey) {
        return Keys.of(tenantId, "group:" + groupKey + ":alerts");
    }

    /**
     * Adds the alert to the group, (re)writes the group's route, receiver, labels and timings and, for a new group,
     * sets it due at {@code due} (ZADD NX: an existing group keeps its due time). What is the same for every alert of
     * the group is written once per change.
     */
    public void add(TenantWrites writes, String groupKey, String fingerprint, Instant due, String route,
            String receiver, String labelsJson, long intervalMillis, long repeatMillis) {
        String tenantId = writes.tenantId();
        writes.command("SADD", membersKey(tenantId, groupKey), fingerprint);
        if (writes.firstTime("group:" + groupKey)) {
            writes.command("HSET", metaKey(tenantId, groupKey), "route", route, "receiver", receiver, "labels",
                    labelsJson, "interval", Long.toString(intervalMillis), "repeat", Long.toString(repeatMillis));
            writes.command("ZADD", groups(tenantId), "NX", Long.toString(due.toEpochMilli()), groupKey);
            writes.platformAdd(Keys.platform("group-tenants"), tenantId);
        }
    }

    /** Every group of the tenant with when it is next due (epoch millis), in group-key order. */
    public Uni<List<ScoredValue<String>>> all(String tenantId) {
        return redis.sortedSet(String.class).zrangeWithScores(groups(tenantId), 0, -1)
                .map(all -> all.stream().sorted(java.util.Comparator.comparing(ScoredValue::value)).toList());
    }

    /** When the group is next due, if it exists. */
    public Uni<java.util.Optional<Double>> dueOf(String tenantId, String groupKey) {
        return redis.sortedSet(String.class).zscore(groups(tenantId), groupKey)
                .map(score -> score == null ? java.util.Optional.<Double>empty() : java.util.Optional.of(score));
    }

    public Uni<List<String>> tenants() {
        return redis.set(String.class).smembers(Keys.platform("group-tenants")).map(List::copyOf);
    }

    public Uni<List<ScoredValue<String>>> due(String tenantId, Instant now, int max) {
        return redis.sortedSet(String.class).zrangebyscoreWithScores(groups(tenantId),
                new ScoreRange<>(Double.NEGATIVE_INFINITY, (double) now.toEpochMilli()), new ZRangeArgs().limit(0, max));
    }

    /**
     * True when this replica won the group's due time; the due time is then moved to {@code leaseUntil}, so no replica
     * takes the group while this one flushes it (deliveries with their retries may outlast a group interval), and a
     * replica that dies mid-flush leaves the group to the others once the lease passes.
     */
    public Uni<Boolean> claim(String tenantId, String groupKey, double due, Instant leaseUntil) {
        return redis.execute("EVAL", CLAIM, "1", groups(tenantId), groupKey, Long.toString((long) due),
                Long.toString(leaseUntil.toEpochMilli())).map(response -> response.toInteger() == 1);
    }

    /** After a flush: the group is next due at {@code next} (if it still carries this replica's lease). */
    public Uni<Void> release(String tenantId, String groupKey, Instant leaseUntil, Instant next) {
        return redis.execute("EVAL", RELEASE, "1", groups(tenantId), groupKey,
                Long.toString(leaseUntil.toEpochMilli()), Long.toString(next.toEpochMilli())).replaceWithVoid();
    }

    public Uni<Map<String, String>> meta(String tenantId, String groupKey) {
        return redis.hash(String.class).hgetall(metaKey(tenantId, groupKey));
    }

    public Uni<Set<String>> members(String tenantId, String groupKey) {
        return redis.set(String.class).smembers(membersKey(tenantId, groupKey));
    }

    public Uni<Void> remember(String tenantId, String groupKey, Map<String, String> fields) {
        return redis.hash(String.class).hset(metaKey(tenantId, groupKey), fields).replaceWithVoid();
    }

    public Uni<Void> removeMembers(String tenantId, String groupKey, List<String> fingerprints) {
        if (fingerprints.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return redis.set(String.class).srem(membersKey(tenantId, groupKey), fingerprints.toArray(String[]::new))
                .replaceWithVoid();
    }

    public Uni<Void> dropIfEmpty(String tenantId, String groupKey) {
        return redis.execute("EVAL", DROP_IF_EMPTY, "3", groups(tenantId), metaKey(tenantId, groupKey),
                membersKey(tenantId, groupKey), groupKey).replaceWithVoid();
    }
}

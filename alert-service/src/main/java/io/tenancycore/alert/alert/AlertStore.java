package io.tenancycore.alert.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.sortedset.ScoreRange;
import io.quarkus.redis.datasource.sortedset.ZRangeArgs;
import io.smallrye.mutiny.Uni;
import io.tenancycore.alert.support.Keys;
import io.tenancycore.alert.support.TenantWriter;
import io.tenancycore.alert.support.TenantWrites;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A tenant's alerts in Redis, all in the tenant's slot: {@code alert:{t}:alerts} (fingerprint → JSON),
 * {@code alert:{t}:occurrences} (fingerprint → posts counted), {@code alert:{t}:ends} (active alerts by the
 * {@code ends_at} the sweep resolves them at) and {@code alert:{t}:resolved} (resolved ones by when, for retention).
 * {@code alert:{_platform}:tenants} lists the tenants that hold alerts, for the sweep. Writes are added to a
 * {@link TenantWrites}, so an alert, its count, its history and its groups are stored by one script.
 */
@ApplicationScoped
public class AlertStore {

    private final ReactiveRedisDataSource redis;
    private final ObjectMapper mapper;
    private final TenantWriter writer;
    private final AlertJson alertJson;

    public AlertStore(ReactiveRedisDataSource redis, ObjectMapper mapper, TenantWriter writer) {
        this.redis = redis;
        this.mapper = mapper;
        this.writer = writer;
        this.alertJson = new AlertJson(mapper);
    }

    static String alerts(String tenantId) {
        return Keys.of(tenantId, "alerts");
    }

    /** The stored JSON of each fingerprint that exists (one HMGET): what a batch is worked out from. */
    public Uni<Map<String, String>> stored(String tenantId, List<String> fingerprints) {
        return redis.hash(String.class).hmget(alerts(tenantId), fingerprints.toArray(String[]::new))
                .map(found -> {
                    Map<String, String> present = new java.util.HashMap<>();
                    found.forEach((fp, json) -> {
                        if (json != null) {
                            present.put(fp, json);
                        }
                    });
                    return present;
                });
    }

    /** The writes apply only if the alert is still stored as the JSON of this SHA-1 (null: still absent). */
    public void expectDigest(TenantWrites writes, String fingerprint, String sha1) {
        writes.expectDigest(alerts(writes.tenantId()), fingerprint, sha1);
    }

    /** The writes apply only if the tenant holds at most {@code max} alerts with {@code created} more. */
    public void limit(TenantWrites writes, int max, int created) {
        writes.limitNew(alerts(writes.tenantId()), max, created);
    }

    /** Writes the alert and keeps the two time indexes in step with its state. */
    public void save(TenantWrites writes, Alert alert) {
        save(writes, alert, null, null);
    }

    /**
     * As {@link #save(TenantWrites, Alert)} for an alert that was {@code before}, stored as {@code previous} (both
     * may be null); answers the JSON it is stored as now.
     */
    AlertJson.Written save(TenantWrites writes, Alert alert, Alert before, AlertJson.Written previous) {
        String tenantId = writes.tenantId();
        String fp = alert.fingerprint();
        AlertJson.Written json = alertJson.write(alert.withOccurrences(null), before, previous);
        writes.command("HSET", alerts(tenantId), fp, json.json());
        String ends = endsScore(alert);
        if (ends.isEmpty()) {
            writes.command("ZREM", Keys.of(tenantId, "ends"), fp);
        } else {
            writes.command("ZADD", Keys.of(tenantId, "ends"), ends, fp);
        }
        if (alert.state() == AlertState.RESOLVED && alert.resolvedAt() != null) {
            writes.command("ZADD", Keys.of(tenantId, "resolved"), Long.toString(alert.resolvedAt().toEpochMilli()), fp);
        } else {
            writes.command("ZREM", Keys.of(tenantId, "resolved"), fp);
        }
        writes.platformAdd(Keys.platform("tenants"), tenantId);
        return json;
    }

    public Uni<Void> save(String tenantId, Alert alert) {
        TenantWrites writes = new TenantWrites(tenantId);
        save(writes, alert);
        return writer.apply(writes).replaceWithVoid();
    }

    private static String endsScore(Alert alert) {
        return alert.state().active() && alert.endsAt() != null ? Long.toString(alert.endsAt().toEpochMilli()) : "";
    }

    /** Counts {@code posts} more posts of the alert; the index of the new count among the writes' increments. */
    public int countOccurrences(TenantWrites writes, String fingerprint, int posts) {
        return writes.increment(Keys.of(writes.tenantId(), "occurrences"), fingerprint, posts);
    }

    public Uni<Optional<Alert>> find(String tenantId, String fingerprint) {
        return redis.hash(String.class).hget(alerts(tenantId), fingerprint)
                .chain(json -> json == null ? Uni.createFrom().item(Optional.<Alert>empty())
                        : occurrences(tenantId, fingerprint).map(n -> Optional.of(read(json).withOccurrences(n))));
    }

    private Uni<Long> occurrences(String tenantId, String fingerprint) {
        return redis.hash(String.class).hget(Keys.of(tenantId, "occurrences"), fingerprint)
                .map(n -> n == null ? 1L : Long.parseLong(n));
    }

    /** Every alert of the tenant (bounded by the per-tenant cap). */
    public Uni<List<Alert>> all(String tenantId) {
        return redis.hash(String.class).hgetall(alerts(tenantId)).chain(entries -> redis.hash(String.class)
                .hgetall(Keys.of(tenantId, "occurrences")).map(counts -> entries.values().stream()
                        .map(this::read)
                        .map(a -> a.withOccurrences(counts.containsKey(a.fingerprint())
                                ? Long.parseLong(counts.get(a.fingerprint())) : 1L))
                        .toList()));
    }

    public Uni<Map<String, Alert>> byFingerprint(String tenantId, List<String> fingerprints) {
        if (fingerprints.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return redis.hash(String.class).hmget(alerts(tenantId), fingerprints.toArray(String[]::new))
                .map(found -> {
                    Map<String, Alert> alerts = new java.util.LinkedHashMap<>();
                    found.forEach((fp, json) -> {
                        if (json != null) {
                            alerts.put(fp, read(json));
                        }
                    });
                    return alerts;
                });
    }

    public Uni<List<String>> tenants() {
        return redis.set(String.class).smembers(Keys.platform("tenants")).map(List::copyOf);
    }

    /** Active alerts whose {@code ends_at} has passed. */
    public Uni<List<String>> endedBy(String tenantId, Instant now, int max) {
        return redis.sortedSet(String.class).zrangebyscore(Keys.of(tenantId, "ends"),
                new ScoreRange<>(Double.NEGATIVE_INFINITY, (double) now.toEpochMilli()),
                new ZRangeArgs().limit(0, max));
    }

    /** Forgets resolved alerts resolved before {@code before}. */
    public Uni<Integer> purgeResolved(String tenantId, Instant before, int max) {
        String resolved = Keys.of(tenantId, "resolved");
        return redis.sortedSet(String.class).zrangebyscore(resolved,
                new ScoreRange<>(Double.NEGATIVE_INFINITY, (double) before.toEpochMilli()),
                new ZRangeArgs().limit(0, max)).chain(fps -> {
                    if (fps.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    String[] all = fps.toArray(String[]::new);
                    return redis.hash(String.class).hdel(alerts(tenantId), all)
                            .chain(() -> redis.hash(String.class).hdel(Keys.of(tenantId, "occurrences"), all))
                            .chain(() -> redis.sortedSet(String.class).zrem(resolved, all))
                            .replaceWith(fps.size());
                });
    }

    Alert read(String json) {
        try {
            return mapper.readValue(json, Alert.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable alert in Redis", e);
        }
    }
}

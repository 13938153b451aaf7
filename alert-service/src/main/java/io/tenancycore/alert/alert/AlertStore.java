package io.tenancycore.alert.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.sortedset.ScoreRange;
import io.quarkus.redis.datasource.sortedset.ZRangeArgs;
import io.smallrye.mutiny.Uni;
import io.tenancycore.alert.support.Keys;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A tenant's alerts in Redis, all in the tenant's slot: {@code alert:{t}:alerts} (fingerprint → JSON),
 * {@code alert:{t}:occurrences} (fingerprint → posts counted), {@code alert:{t}:ends} (active alerts by the
 * {@code ends_at} the sweep resolves them at) and {@code alert:{t}:resolved} (resolved ones by when, for retention).
 * {@code alert:{_platform}:tenants} lists the tenants that hold alerts, for the sweep.
 */
@ApplicationScoped
public class AlertStore {

    /** Creates unless the fingerprint exists (then returns the stored JSON) or the tenant is full. */
    private static final String CREATE = """
            local current = redis.call('HGET', KEYS[1], ARGV[1])
            if current then return {0, current} end
            if redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[3]) then return {2, ''} end
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
            return {1, ''}""";

    /** Writes the alert and keeps the two time indexes in step with its state. */
    private static final String SAVE = """
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
            if ARGV[3] ~= '' then redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1]) else redis.call('ZREM', KEYS[2], ARGV[1]) end
            if ARGV[4] ~= '' then redis.call('ZADD', KEYS[3], ARGV[4], ARGV[1]) else redis.call('ZREM', KEYS[3], ARGV[1]) end
            return 1""";

    public enum Created { CREATED, EXISTS, FULL }

    public record CreateResult(Created outcome, Alert existing) {
    }

    private final ReactiveRedisDataSource redis;
    private final ObjectMapper mapper;

    public AlertStore(ReactiveRedisDataSource redis, ObjectMapper mapper) {
        this.redis = redis;
        this.mapper = mapper;
    }

    static String alerts(String tenantId) {
        return Keys.of(tenantId, "alerts");
    }

    public Uni<CreateResult> create(String tenantId, Alert alert, int maxPerTenant) {
        return redis.execute("EVAL", CREATE, "1", alerts(tenantId), alert.fingerprint(), write(alert),
                Integer.toString(maxPerTenant)).chain(response -> {
                    int outcome = response.get(0).toInteger();
                    if (outcome == 1) {
                        return indexes(tenantId, alert).replaceWith(new CreateResult(Created.CREATED, null));
                    }
                    if (outcome == 2) {
                        return Uni.createFrom().item(new CreateResult(Created.FULL, null));
                    }
                    return Uni.createFrom().item(new CreateResult(Created.EXISTS, read(response.get(1).toString())));
                });
    }

    public Uni<Void> save(String tenantId, Alert alert) {
        return redis.execute("EVAL", SAVE, "3", alerts(tenantId), Keys.of(tenantId, "ends"),
                Keys.of(tenantId, "resolved"), alert.fingerprint(), write(alert), endsScore(alert),
                alert.state() == AlertState.RESOLVED && alert.resolvedAt() != null
                        ? Long.toString(alert.resolvedAt().toEpochMilli()) : "")
                .chain(() -> redis.set(String.class).sadd(Keys.platform("tenants"), tenantId)).replaceWithVoid();
    }

    private Uni<Void> indexes(String tenantId, Alert alert) {
        return save(tenantId, alert);
    }

    private static String endsScore(Alert alert) {
        return alert.state().active() && alert.endsAt() != null ? Long.toString(alert.endsAt().toEpochMilli()) : "";
    }

    public Uni<Long> countOccurrence(String tenantId, String fingerprint) {
        return redis.hash(Long.class).hincrby(Keys.of(tenantId, "occurrences"), fingerprint, 1);
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

    private String write(Alert alert) {
        try {
            return mapper.writeValueAsString(alert.withOccurrences(null));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Alert read(String json) {
        try {
            return mapper.readValue(json, Alert.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable alert in Redis", e);
        }
    }
}

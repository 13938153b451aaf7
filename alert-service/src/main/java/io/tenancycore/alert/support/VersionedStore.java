package io.tenancycore.alert.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.error.ProblemException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A tenant's named, versioned documents of one kind (receivers, silences, rules, escalation policies, the routing
 * document) in one Redis hash {@code alert:{t}:<kind>}: name → {@code <version>|<json>}. Writes check the expected
 * version atomically (a Lua script), which gives every such resource its ETag and {@code If-Match} → 412, and a
 * create checks the tenant's cap in the same step.
 */
public class VersionedStore<T> {

    /** A document and its version (its ETag). */
    public record Versioned<T>(T value, long version) {
    }

    /**
     * ARGV: name, json, expected version (-1 any, 0 must not exist), max entries. Returns the new version, -1 when
     * the expected version does not match (with the current one), -2 when the tenant is full.
     */
    private static final String PUT = """
            local current = redis.call('HGET', KEYS[1], ARGV[1])
            local version = 0
            if current then version = tonumber(string.match(current, '^(%d+)|')) end
            local expected = tonumber(ARGV[3])
            if expected >= 0 and expected ~= version then return {-1, version} end
            if not current and redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[4]) then return {-2, 0} end
            version = version + 1
            redis.call('HSET', KEYS[1], ARGV[1], version .. '|' .. ARGV[2])
            return {version, version}""";

    private final ReactiveRedisDataSource redis;
    private final ObjectMapper mapper;
    private final String kind;
    private final Class<T> type;

    public VersionedStore(ReactiveRedisDataSource redis, ObjectMapper mapper, String kind, Class<T> type) {
        this.redis = redis;
        this.mapper = mapper;
        this.kind = kind;
        this.type = type;
    }

    private String key(String tenantId) {
        return Keys.of(tenantId, kind);
    }

    /**
     * @param expectedVersion -1 any, 0 create only, else the version the caller read
     * @return the new version
     */
    public Uni<Long> put(String tenantId, String name, T value, long expectedVersion, int max) {
        return redis.execute("EVAL", PUT, "1", key(tenantId), name, write(value), Long.toString(expectedVersion),
                Integer.toString(max)).map(response -> {
                    long outcome = response.get(0).toLong();
                    if (outcome == -1 && expectedVersion == 0) {
                        throw ProblemException.conflict("'" + name + "' exists already; replace it with PUT.");
                    }
                    if (outcome == -1) {
                        throw ProblemException.preconditionFailed("'" + name + "' is at version "
                                + response.get(1).toLong() + ", not " + expectedVersion
                                + "; read it again and retry with its ETag.");
                    }
                    if (outcome == -2) {
                        throw ProblemException.conflict("The tenant has " + max + " " + kind
                                + ", the most it may have; delete one first.");
                    }
                    return outcome;
                });
    }

    public Uni<Optional<Versioned<T>>> find(String tenantId, String name) {
        return redis.hash(String.class).hget(key(tenantId), name)
                .map(raw -> Optional.ofNullable(raw).map(this::read));
    }

    public Uni<Map<String, Versioned<T>>> all(String tenantId) {
        return redis.hash(String.class).hgetall(key(tenantId)).map(entries -> {
            Map<String, Versioned<T>> all = new java.util.TreeMap<>();
            entries.forEach((name, raw) -> all.put(name, read(raw)));
            return all;
        });
    }

    public Uni<List<T>> values(String tenantId) {
        return all(tenantId).map(all -> new ArrayList<>(all.values().stream().map(Versioned::value).toList()));
    }

    /** @return whether it existed; a version mismatch is a 412 */
    public Uni<Boolean> delete(String tenantId, String name, long expectedVersion) {
        return find(tenantId, name).chain(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().item(false);
            }
            if (expectedVersion >= 0 && found.get().version() != expectedVersion) {
                throw ProblemException.preconditionFailed("'" + name + "' is at version " + found.get().version()
                        + ", not " + expectedVersion + "; read it again and retry with its ETag.");
            }
            return redis.hash(String.class).hdel(key(tenantId), name).map(n -> n > 0);
        });
    }

    private String write(T value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Versioned<T> read(String raw) {
        int bar = raw.indexOf('|');
        try {
            return new Versioned<>(mapper.readValue(raw.substring(bar + 1), type), Long.parseLong(raw.substring(0, bar)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable " + kind + " entry in Redis", e);
        }
    }
}

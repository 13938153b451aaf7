package io.tenancycore.security.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.tenancycore.security.store.RedisKeys;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Per-tenant hash chain in Redis: {@code security:{t}:audit:chain} (list of entries, seq = index + 1),
 * {@code security:{t}:audit:head} (seq and hash of the last entry), {@code security:{t}:audit:ids} (event id → seq,
 * so a redelivered event is not appended twice). The append is one Lua script conditioned on the head the entry was
 * chained to: two writers cannot fork the chain.
 */
public class AuditChainStore {

    /** KEYS: chain, head, ids. ARGV: event id, expected seq, entry json, entry hash. -1 duplicate, 0 head moved. */
    private static final String APPEND = """
            if redis.call('HEXISTS', KEYS[3], ARGV[1]) == 1 then return -1 end
            local seq = tonumber(redis.call('HGET', KEYS[2], 'seq') or '0')
            if seq ~= tonumber(ARGV[2]) then return 0 end
            redis.call('RPUSH', KEYS[1], ARGV[3])
            redis.call('HSET', KEYS[2], 'seq', seq + 1, 'hash', ARGV[4])
            redis.call('HSET', KEYS[3], ARGV[1], seq + 1)
            return seq + 1""";

    private final ReactiveRedisDataSource redis;
    private final ObjectMapper mapper;

    public AuditChainStore(ReactiveRedisDataSource redis, ObjectMapper mapper) {
        this.redis = redis;
        this.mapper = mapper;
    }

    static String chainKey(String scope) {
        return RedisKeys.tenant(scope, "audit:chain");
    }

    static String headKey(String scope) {
        return RedisKeys.tenant(scope, "audit:head");
    }

    static String idsKey(String scope) {
        return RedisKeys.tenant(scope, "audit:ids");
    }

    public record Head(long seq, String hash) {
    }

    public Uni<Head> head(String scope) {
        return redis.hash(String.class).hgetall(headKey(scope)).map(fields -> fields.isEmpty()
                ? new Head(0, AuditEntry.GENESIS)
                : new Head(Long.parseLong(fields.get("seq")), fields.get("hash")));
    }

    /** @return the new seq; -1 when the event is already in the chain; 0 when another writer appended first */
    public Uni<Long> append(String scope, AuditEntry entry, long expectedSeq) {
        return redis.execute("EVAL", APPEND, "3", chainKey(scope), headKey(scope), idsKey(scope), entry.eventId(),
                Long.toString(expectedSeq), encode(entry), entry.hash()).map(response -> response.toLong());
    }

    /** Entries with seq in [fromSeq, toSeq], oldest first. */
    public Uni<List<AuditEntry>> range(String scope, long fromSeq, long toSeq) {
        return redis.list(String.class).lrange(chainKey(scope), fromSeq - 1, toSeq - 1)
                .map(values -> values.stream().map(this::decode).toList());
    }

    public Uni<Long> length(String scope) {
        return redis.list(String.class).llen(chainKey(scope));
    }

    /** Test and incident tooling only: overwrites one stored entry (seq is 1-based). */
    public Uni<Void> overwrite(String scope, AuditEntry entry) {
        return redis.list(String.class).lset(chainKey(scope), entry.seq() - 1, encode(entry));
    }

    private String encode(AuditEntry entry) {
        try {
            return mapper.writeValueAsString(entry);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private AuditEntry decode(String json) {
        try {
            return mapper.readValue(json, AuditEntry.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Uni<Map<String, String>> ids(String scope) {
        return redis.hash(String.class).hgetall(idsKey(scope));
    }
}

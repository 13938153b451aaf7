package io.tenancycore.security.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.tenancycore.security.store.RedisKeys;
import io.vertx.mutiny.redis.client.Response;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Per-tenant audit chain in Redis: {@code security:{t}:audit:chain} (list of entries, seq = index + 1),
 * {@code security:{t}:audit:head} (seq and hash of the last entry: what appends compare-and-set on),
 * {@code security:{t}:audit:ids} (event id → seq, so a redelivered event is not appended twice),
 * {@code security:{t}:audit:checkpoint} (the MAC'd {@link AuditCheckpoint}), and, platform-wide,
 * {@code security:{_platform}:audit:witness} ({@link AuditWitness} per scope). The append is one Lua script
 * conditioned on the head the entry was chained to, writing entry, head and checkpoint together: two writers cannot
 * fork the chain and the checkpoint never lags its entry.
 */
public class AuditChainStore {

    /** KEYS: chain, head, checkpoint. Read in one step so a concurrent append cannot show half its writes. */
    private static final String STATE = """
            return {redis.call('HGET', KEYS[2], 'seq') or '', redis.call('HGET', KEYS[2], 'hash') or '',
                    redis.call('GET', KEYS[3]) or '', tostring(redis.call('LLEN', KEYS[1])),
                    redis.call('LINDEX', KEYS[1], -1) or ''}""";

    /**
     * KEYS: chain, head, ids, checkpoint. ARGV: event id, expected seq, entry json, entry hash, checkpoint json.
     * Returns -1 duplicate, 0 head moved, else the new seq.
     */
    private static final String APPEND = """
            if redis.call('HEXISTS', KEYS[3], ARGV[1]) == 1 then return -1 end
            local seq = tonumber(redis.call('HGET', KEYS[2], 'seq') or '0')
            if seq ~= tonumber(ARGV[2]) then return 0 end
            redis.call('RPUSH', KEYS[1], ARGV[3])
            redis.call('HSET', KEYS[2], 'seq', seq + 1, 'hash', ARGV[4])
            redis.call('HSET', KEYS[3], ARGV[1], seq + 1)
            redis.call('SET', KEYS[4], ARGV[5])
            return seq + 1""";

    /** KEYS: witness. ARGV: scope, seq, value. Raises the scope's witness, never lowers it. */
    private static final String RAISE_WITNESS = """
            local current = redis.call('HGET', KEYS[1], ARGV[1])
            if current then
              local seq = tonumber(string.match(current, '^(%d+):'))
              if seq and seq >= tonumber(ARGV[2]) then return 0 end
            end
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
            return 1""";

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

    static String checkpointKey(String scope) {
        return RedisKeys.tenant(scope, "audit:checkpoint");
    }

    static String witnessKey() {
        return RedisKeys.platform("audit:witness");
    }

    /** The working head (unkeyed: a compare-and-set guard, not evidence). */
    public record Head(long seq, String hash) {
    }

    /**
     * One consistent view of a chain's end.
     *
     * @param checkpoint null when none was ever written (an empty chain, or one written before checkpoints existed)
     * @param last the last entry, null for an empty chain
     */
    public record State(Head head, AuditCheckpoint checkpoint, long length, AuditEntry last) {
    }

    public Uni<State> state(String scope) {
        return redis.execute("EVAL", STATE, "3", chainKey(scope), headKey(scope), checkpointKey(scope))
                .map(response -> {
                    String seq = text(response.get(0));
                    Head head = seq.isEmpty() ? new Head(0, AuditEntry.GENESIS)
                            : new Head(Long.parseLong(seq), text(response.get(1)));
                    String checkpoint = text(response.get(2));
                    String last = text(response.get(4));
                    return new State(head, checkpoint.isEmpty() ? null : decodeCheckpoint(checkpoint),
                            Long.parseLong(text(response.get(3))), last.isEmpty() ? null : decodeEntry(last));
                });
    }

    /** @return the new seq; -1 when the event is already in the chain; 0 when another writer appended first */
    public Uni<Long> append(String scope, AuditEntry entry, long expectedSeq, AuditCheckpoint checkpoint) {
        return redis.execute("EVAL", APPEND, "4", chainKey(scope), headKey(scope), idsKey(scope),
                checkpointKey(scope), entry.eventId(), Long.toString(expectedSeq), encode(entry), entry.hash(),
                encode(checkpoint)).map(Response::toLong);
    }

    public Uni<AuditWitness> witness(String scope) {
        return redis.hash(String.class).hget(witnessKey(), scope).map(AuditWitness::decode);
    }

    public Uni<Void> raiseWitness(String scope, AuditWitness witness) {
        return redis.execute("EVAL", RAISE_WITNESS, "1", witnessKey(), scope, Long.toString(witness.seq()),
                witness.encode()).replaceWithVoid();
    }

    /** Entries with seq in [fromSeq, toSeq], oldest first. */
    public Uni<List<AuditEntry>> range(String scope, long fromSeq, long toSeq) {
        return redis.list(String.class).lrange(chainKey(scope), fromSeq - 1, toSeq - 1)
                .map(values -> values.stream().map(this::decodeEntry).toList());
    }

    /** The entry stored at seq (1-based position), null past the end. */
    public Uni<AuditEntry> at(String scope, long seq) {
        return redis.list(String.class).lindex(chainKey(scope), seq - 1)
                .map(json -> json == null ? null : decodeEntry(json));
    }

    public Uni<Long> length(String scope) {
        return redis.list(String.class).llen(chainKey(scope));
    }

    /** Test and incident tooling only: overwrites one stored entry (seq is 1-based). */
    public Uni<Void> overwrite(String scope, AuditEntry entry) {
        return redis.list(String.class).lset(chainKey(scope), entry.seq() - 1, encode(entry));
    }

    public Uni<Map<String, String>> ids(String scope) {
        return redis.hash(String.class).hgetall(idsKey(scope));
    }

    private static String text(Response response) {
        return response == null ? "" : response.toString();
    }

    private String encode(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stored data may have been tampered with: what does not parse becomes {@link AuditEntry#UNREADABLE}. */
    private AuditEntry decodeEntry(String json) {
        try {
            return mapper.readValue(json, AuditEntry.class);
        } catch (JsonProcessingException | RuntimeException e) {
            return AuditEntry.UNREADABLE;
        }
    }

    /** An unparseable checkpoint becomes one whose MAC never verifies. */
    private AuditCheckpoint decodeCheckpoint(String json) {
        try {
            return mapper.readValue(json, AuditCheckpoint.class);
        } catch (JsonProcessingException | RuntimeException e) {
            return new AuditCheckpoint(-1, null, null, 0, null, null, null);
        }
    }
}

package io.tenancycore.config.layers;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.smallrye.mutiny.Uni;
import io.tenancycore.config.support.ConfigProblems;
import io.tenancycore.config.support.ConfigServiceConfig;
import io.tenancycore.config.support.RedisKeys;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The layers, revision counter and change log of one owner (a tenant, or the platform) in Redis. A write is one Lua
 * script: it checks the expected revision, applies every mutation, records the old and new values as one revision
 * and compacts the log — so the revision, the layers and the history never disagree, and If-Match is race-free.
 */
@ApplicationScoped
public class ConfigStore {

    static final String CONFLICT = "conflict";
    /**
     * KEYS: rev, changes, compacted, then the layer hashes. ARGV: expected revision ('' = any), retention, time,
     * actor, action, then per mutation: index of its hash in KEYS, key, layer id, 'set'|'del', value.
     */
    private static final String APPLY = """
            local current = tonumber(redis.call('GET', KEYS[1]) or '0')
            if ARGV[1] ~= '' and tonumber(ARGV[1]) ~= current then
              return {'conflict', tostring(current)}
            end
            local changes = {}
            local i = 6
            while i <= #ARGV do
              local hash = KEYS[tonumber(ARGV[i])]
              local field = ARGV[i + 1]
              local change = {key = field, layer = ARGV[i + 2]}
              local old = redis.call('HGET', hash, field)
              if old then change['old'] = old end
              if ARGV[i + 3] == 'set' then
                redis.call('HSET', hash, field, ARGV[i + 4])
                change['new'] = ARGV[i + 4]
              else
                redis.call('HDEL', hash, field)
              end
              table.insert(changes, change)
              i = i + 5
            end
            local rev = redis.call('INCR', KEYS[1])
            redis.call('ZADD', KEYS[2], rev, cjson.encode({revision = rev, time = ARGV[3], actor = ARGV[4],
              action = ARGV[5], changes = changes}))
            local retention = tonumber(ARGV[2])
            if rev > retention then
              redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', rev - retention)
              redis.call('SET', KEYS[3], rev - retention)
            end
            return {'ok', tostring(rev)}
            """;

    private final ReactiveRedisDataSource redis;
    private final ReactiveHashCommands<String, String, String> hashes;
    private final ConfigServiceConfig config;

    public ConfigStore(ReactiveRedisDataSource redis, ConfigServiceConfig config) {
        this.redis = redis;
        this.hashes = redis.hash(String.class);
        this.config = config;
    }

    public Uni<Map<String, StoredValue>> layer(String tenantId, Layer layer) {
        return hashes.hgetall(layer.redisKey(tenantId)).map(raw -> {
            Map<String, StoredValue> values = new HashMap<>();
            raw.forEach((key, stored) -> values.put(key, StoredValue.decode(stored)));
            return values;
        });
    }

    /** The given layers' contents, in the order asked. */
    public Uni<Map<Layer, Map<String, StoredValue>>> layers(String tenantId, List<Layer> layers) {
        List<Uni<Map<String, StoredValue>>> reads = layers.stream().map(layer -> layer(tenantId, layer)).toList();
        return Uni.join().all(reads).andFailFast().map(contents -> {
            Map<Layer, Map<String, StoredValue>> byLayer = new LinkedHashMap<>();
            for (int i = 0; i < layers.size(); i++) {
                byLayer.put(layers.get(i), contents.get(i));
            }
            return byLayer;
        });
    }

    /**
     * Applies the mutations (all of one owner) as one new revision.
     *
     * @param expectedRevision {@code null} for an unconditional write; else the revision the caller last read
     * @return the new revision; fails with a 412 problem when {@code expectedRevision} is stale
     */
    public Uni<Long> apply(String owner, List<Mutation> mutations, Long expectedRevision, String actor, String action) {
        List<String> keys = new ArrayList<>(List.of(RedisKeys.revision(owner), RedisKeys.changes(owner),
                RedisKeys.compacted(owner)));
        List<String> args = new ArrayList<>(List.of(expectedRevision == null ? "" : expectedRevision.toString(),
                Integer.toString(config.historyRetention()), Instant.now().toString(), actor, action));
        Map<String, Integer> hashIndex = new HashMap<>();
        for (Mutation mutation : mutations) {
            String hash = RedisKeys.layer(owner, mutation.layer().id());
            int index = hashIndex.computeIfAbsent(hash, h -> {
                keys.add(h);
                return keys.size();
            });
            args.add(Integer.toString(index));
            args.add(mutation.key());
            args.add(mutation.layer().id());
            args.add(mutation.value() == null ? "del" : "set");
            args.add(mutation.value() == null ? "" : mutation.value().encode());
        }
        List<String> command = new ArrayList<>();
        command.add(APPLY);
        command.add(Integer.toString(keys.size()));
        command.addAll(keys);
        command.addAll(args);
        return redis.execute("EVAL", command.toArray(String[]::new)).map(reply -> {
            long revision = Long.parseLong(reply.get(1).toString());
            if (CONFLICT.equals(reply.get(0).toString())) {
                throw ConfigProblems.revisionConflict(expectedRevision, revision);
            }
            return revision;
        });
    }

    public Uni<RevisionState> state(String owner) {
        return redis.execute("MGET", RedisKeys.revision(owner), RedisKeys.compacted(owner))
                .map(reply -> new RevisionState(asLong(reply.get(0)), asLong(reply.get(1))));
    }

    /** Every recorded revision after {@code revision}, oldest first. */
    public Uni<List<RevisionRecord>> revisionsAfter(String owner, long revision) {
        return redis.execute("ZRANGEBYSCORE", RedisKeys.changes(owner), "(" + revision, "+inf")
                .map(reply -> {
                    List<RevisionRecord> records = new ArrayList<>();
                    for (Response member : reply) {
                        records.add(RevisionRecord.decode(member.toString()));
                    }
                    return records;
                });
    }

    private static long asLong(Response response) {
        return response == null ? 0 : Long.parseLong(response.toString());
    }
}

package io.tenancycore.config.layers;

import io.tenancycore.config.support.Keys;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.storage.StorageQuotaExceeded;
import io.tenancycore.commons.storage.StorageUsageMetrics;
import io.tenancycore.commons.storage.TenantStorage;
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
    static final String KEY_CONFLICT = "key_conflict";
    static final String OVER_QUOTA = "quota";
    static final String SERVICE = "config";
    /**
     * KEYS: rev, changes, compacted, the tenant's usage counters (this service's first), then the layer hashes. ARGV:
     * expected revision ('' = any), retention, time, actor, action, quota in bytes ('' = none), number of usage
     * counters, platform revision ('' = none: a platform write), then per mutation: index of its hash in KEYS, key,
     * layer id, 'set'|'del', value, expected modify revision of the key ('' = any, '0' = must not be set).
     * A stored value starts with its modify revision ({"mod_revision":N,...}), written here, so it always names the
     * revision that wrote it (etcd's mod_revision) and a key-level If-Match is checked in the same script.
     * The size change (field names, values, the new history record, minus compacted records) is worked out before
     * anything is written, so a write over the quota changes nothing; the counter moves with the data. A write that
     * only deletes is never refused (its history record may still add bytes).
     */
    private static final String APPLY = TenantStorage.LUA_STORED_BYTES + """
            local current = tonumber(redis.call('GET', KEYS[1]) or '0')
            if ARGV[1] ~= '' and tonumber(ARGV[1]) ~= current then
              return {'conflict', tostring(current)}
            end
            local rev = current + 1
            local usage_last = 3 + tonumber(ARGV[7])
            local changes = {}
            local writes = {}
            local delta = 0
            local sets = 0
            local created = 0
            local i = 9
            while i <= #ARGV do
              local hash = KEYS[tonumber(ARGV[i])]
              local field = ARGV[i + 1]
              local change = {key = field, layer = ARGV[i + 2]}
              local old = redis.call('HGET', hash, field)
              if ARGV[i + 5] ~= '' then
                local old_rev = 0
                if old then old_rev = tonumber(string.match(old, '^{"mod_revision":(%d+)') or '0') end
                if old_rev ~= tonumber(ARGV[i + 5]) then
                  return {'key_conflict', tostring(old_rev), field}
                end
              end
              if old then
                change['old'] = old
                delta = delta - #old - #field
              end
              local value = ARGV[i + 4]
              if ARGV[i + 3] == 'set' then
                sets = sets + 1
                if not old then created = created + 1 end
                if value == '{}' then
                  value = '{"mod_revision":' .. rev .. '}'
                else
                  value = '{"mod_revision":' .. rev .. ',' .. string.sub(value, 2)
                end
                change['new'] = value
                delta = delta + #field + #value
              end
              table.insert(changes, change)
              table.insert(writes, {hash, field, ARGV[i + 3], value})
              i = i + 6
            end
            local entry = {revision = rev, time = ARGV[3], actor = ARGV[4], action = ARGV[5], changes = changes}
            if ARGV[8] ~= '' then entry['platform_revision'] = tonumber(ARGV[8]) end
            local record = cjson.encode(entry)
            delta = delta + #record
            local retention = tonumber(ARGV[2])
            if rev > retention then
              for _, gone in ipairs(redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', rev - retention)) do
                delta = delta - #gone
              end
            end
            -- a write that only deletes is never refused: it is how a tenant over its quota frees space
            if sets > 0 and over_quota(ARGV[6], stored_bytes(4, usage_last), delta) then
              return {'quota', tostring(stored_bytes(4, usage_last)), tostring(delta)}
            end
            for _, w in ipairs(writes) do
              if w[3] == 'set' then redis.call('HSET', w[1], w[2], w[4]) else redis.call('HDEL', w[1], w[2]) end
            end
            redis.call('SET', KEYS[1], rev)
            redis.call('ZADD', KEYS[2], rev, record)
            if rev > retention then
              redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', rev - retention)
              redis.call('SET', KEYS[3], rev - retention)
            end
            local stored = redis.call('INCRBY', KEYS[4], delta)
            if stored < 0 then redis.call('SET', KEYS[4], 0) stored = 0 end
            return {'ok', tostring(rev), tostring(stored), tostring(created)}
            """;

    private final ReactiveRedisDataSource redis;
    private final ReactiveHashCommands<String, String, String> hashes;
    private final ConfigServiceConfig config;
    private final TenantStorage storage;
    private final StorageUsageMetrics usageMetrics;

    public ConfigStore(ReactiveRedisDataSource redis, ConfigServiceConfig config, TenantStorage storage,
            StorageUsageMetrics usageMetrics) {
        this.redis = redis;
        this.hashes = redis.hash(String.class);
        this.config = config;
        this.storage = storage;
        this.usageMetrics = usageMetrics;
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
        return commit(owner, mutations, expectedRevision, actor, action, null).map(ConfigService.Committed::revision);
    }

    /**
     * {@link #apply} that also says whether a key was created.
     *
     * @param platformRevision for a tenant's write, the platform revision it was made on (kept in its record)
     */
    public Uni<ConfigService.Committed> commit(String owner, List<Mutation> mutations, Long expectedRevision,
            String actor, String action, Long platformRevision) {
        return storage.quotaArgument(owner).chain(quota -> run(owner, mutations, expectedRevision, actor, action,
                quota, platformRevision));
    }

    private Uni<ConfigService.Committed> run(String owner, List<Mutation> mutations, Long expectedRevision, String actor, String action,
            String quota, Long platformRevision) {
        List<String> usageKeys = storage.usageKeys(SERVICE, owner);
        List<String> keys = new ArrayList<>(List.of(RedisKeys.revision(owner), RedisKeys.changes(owner),
                RedisKeys.compacted(owner)));
        keys.addAll(usageKeys);
        List<String> args = new ArrayList<>(List.of(expectedRevision == null ? "" : expectedRevision.toString(),
                Integer.toString(config.historyRetention()), Instant.now().toString(), actor, action, quota,
                Integer.toString(usageKeys.size()), platformRevision == null ? "" : platformRevision.toString()));
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
            args.add(mutation.value() == null ? "" : mutation.value().withoutRevision().encode());
            args.add(mutation.expectedModRevision() == null ? "" : mutation.expectedModRevision().toString());
        }
        List<String> command = new ArrayList<>();
        command.add(APPLY);
        command.add(Integer.toString(keys.size()));
        command.addAll(keys);
        command.addAll(args);
        return redis.execute("EVAL", command.toArray(String[]::new)).map(reply -> {
            String outcome = reply.get(0).toString();
            if (OVER_QUOTA.equals(outcome)) {
                throw new StorageQuotaExceeded(SERVICE, owner, Long.parseLong(quota), reply.get(1).toLong(),
                        reply.get(2).toLong());
            }
            long revision = Long.parseLong(reply.get(1).toString());
            if (KEY_CONFLICT.equals(outcome)) {
                throw ConfigProblems.keyRevisionConflict(reply.get(2).toString(), mutationExpected(mutations,
                        reply.get(2).toString()), revision);
            }
            if (CONFLICT.equals(outcome)) {
                throw ConfigProblems.revisionConflict(expectedRevision, revision);
            }
            usageMetrics.observed(owner, reply.get(2).toLong());
            return new ConfigService.Committed(revision, reply.get(3).toLong() > 0);
        });
    }

    private static long mutationExpected(List<Mutation> mutations, String key) {
        return mutations.stream().filter(m -> m.key().equals(key) && m.expectedModRevision() != null)
                .map(Mutation::expectedModRevision).findFirst().orElse(0L);
    }

    /** The owner's current revision (0 before its first write). */
    public Uni<Long> revision(String owner) {
        return redis.execute("GET", RedisKeys.revision(owner)).map(ConfigStore::asLong);
    }

    /** The tenant's stored bytes in this service, as its usage counter says. */
    public Uni<Long> storedBytes(String owner) {
        return redis.value(Long.class).get(TenantStorage.usageKey(SERVICE, owner))
                .map(bytes -> bytes == null ? 0L : bytes);
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

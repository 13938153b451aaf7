package io.tenancycore.template.messages;

import io.tenancycore.commons.storage.StorageAccount;
import io.tenancycore.commons.storage.TenantStorage;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tenancycore.template.support.RedisKeys;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A tenant's message bundles in Redis, one hash per locale. */
public class MessageStore {

    /**
     * KEYS: bundle, locales, then the tenant's usage counters (this service's first). ARGV: locale, quota in bytes
     * ('' = none), key1, value1, ... Replaces the bundle; an empty one is removed (never refused). Returns {1, stored
     * bytes}, or {0, stored bytes, added} when the new bundle would pass the quota (nothing changed).
     */
    private static final String REPLACE = TenantStorage.LUA_STORED_BYTES + """
            local delta = 0
            for _, part in ipairs(redis.call('HGETALL', KEYS[1])) do delta = delta - #part end
            for i = 3, #ARGV do delta = delta + #ARGV[i] end
            local listed = redis.call('SISMEMBER', KEYS[2], ARGV[1]) == 1
            if #ARGV > 2 and not listed then delta = delta + #ARGV[1] end
            if #ARGV <= 2 and listed then delta = delta - #ARGV[1] end
            if #ARGV > 2 and over_quota(ARGV[2], stored_bytes(3, #KEYS), delta) then
              return {0, stored_bytes(3, #KEYS), delta}
            end
            redis.call('DEL', KEYS[1])
            if #ARGV > 2 then
              redis.call('HSET', KEYS[1], unpack(ARGV, 3))
              redis.call('SADD', KEYS[2], ARGV[1])
            else
              redis.call('SREM', KEYS[2], ARGV[1])
            end
            local stored = redis.call('INCRBY', KEYS[3], delta)
            if stored < 0 then redis.call('SET', KEYS[3], 0) stored = 0 end
            return {1, stored}
            """;

    private final ReactiveRedisDataSource redis;
    private final StorageAccount storage;

    public MessageStore(ReactiveRedisDataSource redis, StorageAccount storage) {
        this.redis = redis;
        this.storage = storage;
    }

    /** Every bundle of the tenant: locale → key → pattern. */
    public Uni<Map<String, Map<String, String>>> all(String tenantId) {
        return redis.set(String.class).smembers(RedisKeys.messageLocales(tenantId))
                .onItem().transformToMulti(locales -> Multi.createFrom().iterable(locales))
                .onItem().transformToUniAndMerge(locale -> bundle(tenantId, locale).map(b -> Map.entry(locale, b)))
                .collect().asMap(Map.Entry::getKey, Map.Entry::getValue)
                .map(bundles -> {
                    Map<String, Map<String, String>> copy = new HashMap<>();
                    bundles.forEach((locale, bundle) -> copy.put(locale, Map.copyOf(bundle)));
                    return Map.copyOf(copy);
                });
    }

    public Uni<Map<String, String>> bundle(String tenantId, String locale) {
        return redis.hash(String.class).hgetall(RedisKeys.messages(tenantId, locale));
    }

    public Uni<Void> replace(String tenantId, String locale, Map<String, String> messages) {
        return storage.script(tenantId).chain(script -> {
            List<String> arguments = new ArrayList<>();
            arguments.add(REPLACE);
            arguments.add(Integer.toString(2 + script.usageKeys().size()));
            arguments.add(RedisKeys.messages(tenantId, locale));
            arguments.add(RedisKeys.messageLocales(tenantId));
            arguments.addAll(script.usageKeys());
            arguments.add(locale);
            arguments.add(script.quota());
            messages.forEach((key, pattern) -> {
                arguments.add(key);
                arguments.add(pattern);
            });
            return redis.execute("EVAL", arguments.toArray(String[]::new)).invoke(response -> {
                if (response.get(0).toInteger() == 0) {
                    throw storage.exceeded(tenantId, script, response.get(1).toLong(), response.get(2).toLong());
                }
                storage.observed(tenantId, response.get(1).toLong());
            });
        }).replaceWithVoid();
    }
}

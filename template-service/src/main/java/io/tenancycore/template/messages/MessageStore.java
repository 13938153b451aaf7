package io.tenancycore.template.messages;

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

    /** KEYS: bundle, locales. ARGV: locale, key1, value1, ... Replaces the bundle; an empty one is removed. */
    private static final String REPLACE = """
            redis.call('DEL', KEYS[1])
            if #ARGV > 1 then
              redis.call('HSET', KEYS[1], unpack(ARGV, 2))
              redis.call('SADD', KEYS[2], ARGV[1])
            else
              redis.call('SREM', KEYS[2], ARGV[1])
            end
            return #ARGV
            """;

    private final ReactiveRedisDataSource redis;

    public MessageStore(ReactiveRedisDataSource redis) {
        this.redis = redis;
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
        List<String> arguments = new ArrayList<>();
        arguments.add("EVAL");
        arguments.add(REPLACE);
        arguments.add("2");
        arguments.add(RedisKeys.messages(tenantId, locale));
        arguments.add(RedisKeys.messageLocales(tenantId));
        arguments.add(locale);
        messages.forEach((key, pattern) -> {
            arguments.add(key);
            arguments.add(pattern);
        });
        return redis.execute(arguments.get(0), arguments.subList(1, arguments.size()).toArray(String[]::new))
                .replaceWithVoid();
    }
}

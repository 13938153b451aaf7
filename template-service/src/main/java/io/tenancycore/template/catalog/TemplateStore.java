package io.tenancycore.template.catalog;

import io.tenancycore.commons.storage.StorageAccount;
import io.tenancycore.commons.storage.TenantStorage;
import io.tenancycore.template.support.RedisKeys;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A tenant's templates in Redis: every save is a new numbered version (kept up to a maximum), {@code current} points
 * at the one served. Saves are one Lua script, so the optimistic version check and the write are atomic.
 */
public class TemplateStore {

    /**
     * KEYS: meta, versions, names, then the tenant's usage counters (this service's first). ARGV: expected version
     * ('' = any), json, name, versions kept, quota in bytes ('' = none). The size change (the new version, a new name,
     * minus the version that falls out) is worked out first, so a save over the quota changes nothing.
     * Returns {1, version, stored bytes, previous current (0 = none)}, {0, current} on a version conflict, {2, stored bytes, added} over quota.
     */
    private static final String SAVE = TenantStorage.LUA_STORED_BYTES + """
            local current = tonumber(redis.call('HGET', KEYS[1], 'current') or '0')
            if ARGV[1] ~= '' and tonumber(ARGV[1]) ~= current then return {0, current} end
            local n = tonumber(redis.call('HGET', KEYS[1], 'latest') or '0') + 1
            local delta = #tostring(n) + #ARGV[2]
            if redis.call('SISMEMBER', KEYS[3], ARGV[3]) == 0 then delta = delta + #ARGV[3] end
            local oldest = n - tonumber(ARGV[4])
            if oldest > 0 then
              local dropped = redis.call('HGET', KEYS[2], tostring(oldest))
              if dropped then delta = delta - #dropped - #tostring(oldest) end
            end
            if over_quota(ARGV[5], stored_bytes(4, #KEYS), delta) then return {2, stored_bytes(4, #KEYS), delta} end
            redis.call('HSET', KEYS[2], tostring(n), ARGV[2])
            redis.call('HSET', KEYS[1], 'latest', n, 'current', n)
            redis.call('SADD', KEYS[3], ARGV[3])
            if oldest > 0 then redis.call('HDEL', KEYS[2], tostring(oldest)) end
            local stored = redis.call('INCRBY', KEYS[4], delta)
            if stored < 0 then redis.call('SET', KEYS[4], 0) stored = 0 end
            return {1, n, stored, current}
            """;
    /** KEYS: meta, versions. Returns {version, json} or nil. */
    private static final String CURRENT = """
            local current = redis.call('HGET', KEYS[1], 'current')
            if not current then return nil end
            return {current, redis.call('HGET', KEYS[2], current)}
            """;
    /**
     * KEYS: meta, versions, names, this service's usage counter. ARGV: name, expected version ('' = any). Keeps
     * 'latest' so numbers are never reused. Returns {1|0 (whether an override existed), stored bytes}, or {-1, current}
     * when the expected version is not current.
     */
    private static final String DELETE = """
            local current = tonumber(redis.call('HGET', KEYS[1], 'current') or '0')
            if current > 0 and ARGV[2] ~= '' and tonumber(ARGV[2]) ~= current then return {-1, current} end
            local existed = redis.call('HDEL', KEYS[1], 'current')
            local freed = 0
            for _, part in ipairs(redis.call('HGETALL', KEYS[2])) do freed = freed + #part end
            if redis.call('SISMEMBER', KEYS[3], ARGV[1]) == 1 then freed = freed + #ARGV[1] end
            redis.call('DEL', KEYS[2])
            redis.call('SREM', KEYS[3], ARGV[1])
            local stored = redis.call('DECRBY', KEYS[4], freed)
            if stored < 0 then redis.call('SET', KEYS[4], 0) stored = 0 end
            return {existed, stored}
            """;

    private final ReactiveRedisDataSource redis;
    private final ObjectMapper mapper;
    private final int versionsKept;
    private final StorageAccount storage;

    public TemplateStore(ReactiveRedisDataSource redis, ObjectMapper mapper, int versionsKept, StorageAccount storage) {
        this.redis = redis;
        this.storage = storage;
        this.mapper = mapper;
        this.versionsKept = versionsKept;
    }

    /** The version served for the tenant's override of {@code name}; empty when the tenant has none. */
    public Uni<Optional<TemplateVersion>> current(String tenantId, String name) {
        return redis.execute("EVAL", CURRENT, "2", RedisKeys.templateMeta(tenantId, name),
                RedisKeys.templateVersions(tenantId, name))
                .map(response -> {
                    if (response == null || response.size() < 2 || response.get(1) == null) {
                        return Optional.<TemplateVersion>empty();
                    }
                    return Optional.of(decode(response.get(1).toString(), response.get(0).toInteger()));
                });
    }

    public Uni<Optional<TemplateVersion>> version(String tenantId, String name, int version) {
        return redis.hash(String.class).hget(RedisKeys.templateVersions(tenantId, name), Integer.toString(version))
                .map(json -> Optional.ofNullable(json).map(j -> decode(j, version)));
    }

    /** Every kept version, newest first. */
    public Uni<List<TemplateVersion>> versions(String tenantId, String name) {
        return redis.hash(String.class).hgetall(RedisKeys.templateVersions(tenantId, name))
                .map(all -> {
                    List<TemplateVersion> versions = new ArrayList<>();
                    for (Map.Entry<String, String> entry : all.entrySet()) {
                        versions.add(decode(entry.getValue(), Integer.parseInt(entry.getKey())));
                    }
                    versions.sort(Comparator.comparingInt(TemplateVersion::version).reversed());
                    return versions;
                });
    }

    public Uni<List<String>> names(String tenantId) {
        return redis.set(String.class).smembers(RedisKeys.templateNames(tenantId))
                .map(names -> names.stream().sorted().toList());
    }

    /**
     * Stores {@code template} as the next version and makes it current.
     *
     * @param expectedVersion the current version the change is based on (0 = no override yet), {@code null} = any
     * @return the stored version, with its number, and whether the tenant had no override before
     * @throws VersionConflictException (as failure) when {@code expectedVersion} is not current
     */
    public Uni<Saved> save(String tenantId, TemplateVersion template, Integer expectedVersion) {
        String json = encode(template);
        return storage.script(tenantId).chain(script -> {
            List<String> args = new ArrayList<>(List.of(SAVE, Integer.toString(3 + script.usageKeys().size()),
                    RedisKeys.templateMeta(tenantId, template.name()),
                    RedisKeys.templateVersions(tenantId, template.name()), RedisKeys.templateNames(tenantId)));
            args.addAll(script.usageKeys());
            args.addAll(List.of(expectedVersion == null ? "" : expectedVersion.toString(), json, template.name(),
                    Integer.toString(versionsKept), script.quota()));
            return redis.execute("EVAL", args.toArray(String[]::new)).map(response -> {
                switch (response.get(0).toInteger()) {
                    case 0 -> throw new VersionConflictException(expectedVersion, response.get(1).toInteger());
                    case 2 -> throw storage.exceeded(tenantId, script, response.get(1).toLong(),
                            response.get(2).toLong());
                    default -> {
                        storage.observed(tenantId, response.get(2).toLong());
                        return new Saved(withVersion(template, response.get(1).toInteger()),
                                response.get(3).toInteger() == 0);
                    }
                }
            });
        });
    }

    /** A stored version; {@code created} when the tenant had no override of that name before. */
    public record Saved(TemplateVersion version, boolean created) {
    }

    /** Removes the tenant's override and its history; {@code false} when there was none. */
    public Uni<Boolean> delete(String tenantId, String name, Integer expectedVersion) {
        return redis.execute("EVAL", DELETE, "4", RedisKeys.templateMeta(tenantId, name),
                RedisKeys.templateVersions(tenantId, name), RedisKeys.templateNames(tenantId),
                storage.usageKey(tenantId), name, expectedVersion == null ? "" : expectedVersion.toString())
                .map(response -> {
                    if (response.get(0).toInteger() < 0) {
                        throw new VersionConflictException(expectedVersion, response.get(1).toInteger());
                    }
                    storage.observed(tenantId, response.get(1).toLong());
                    return response.get(0).toInteger() > 0;
                });
    }

    private String encode(TemplateVersion template) {
        try {
            return mapper.writeValueAsString(template);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The number is the hash field, not part of the stored JSON's identity. */
    private TemplateVersion decode(String json, int version) {
        try {
            return withVersion(mapper.readValue(json, TemplateVersion.class), version);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static TemplateVersion withVersion(TemplateVersion t, int version) {
        return new TemplateVersion(t.name(), version, t.source(), t.description(), t.contentType(), t.parameters(),
                t.locales(), t.createdAt(), t.createdBy(), t.restoredFrom());
    }
}

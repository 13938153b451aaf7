package io.tenancycore.workflow.definition;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.hash.HashCommands;
import io.tenancycore.commons.redis.TenantKeys;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A tenant's definitions in Redis: {@code workflow:{t}:definitions} (hash name → latest version) and one hash of
 * versions per definition, {@code workflow:{t}:definition:<name>} (version → JSON). A save is one Lua script, so the
 * If-Match check, the per-tenant limit, the unchanged-document check and the trimming of old versions are atomic.
 * <p>
 * A version number names one document for ever, also across a delete: replicas keep the runtime's build of a version
 * in memory (by tenant, name and version), and an instance record names the version it ran. So a deleted definition
 * leaves its last version in {@code workflow:{t}:retired-definitions} (sorted set name → last version), and a name
 * created again goes on after it. That set keeps the {@code retiredKept} highest; the version of one it lets go raises
 * {@code workflow:{t}:retired-definitions-floor}, where every name it does not hold starts above. Two keys per tenant,
 * however many names it deletes.
 */
@ApplicationScoped
public class DefinitionStore {

    static final String SERVICE = "workflow";

    /** Outcome of a save: the version now current, and whether it is new. */
    public record Saved(long version, boolean created, boolean changed) {
    }

    public static final class VersionMismatch extends RuntimeException {
        final long current;

        VersionMismatch(long current) {
            super(null, null, false, false);
            this.current = current;
        }
    }

    public static final class TooManyDefinitions extends RuntimeException {
        TooManyDefinitions() {
            super(null, null, false, false);
        }
    }

    /**
     * KEYS: index, versions, retired, floor; ARGV: name, expected version, digest, JSON, versions kept, most per
     * tenant. Returns {outcome, version}: 2 created, 1 new version, 0 unchanged, -1 If-Match, -2 too many.
     */
    private static final String SAVE = """
            local current = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
            local expected = tonumber(ARGV[2])
            if expected >= 0 and expected ~= current then return {-1, current} end
            if current == 0 and redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[6]) then return {-2, current} end
            if current > 0 then
              local latest = redis.call('HGET', KEYS[2], tostring(current))
              if latest and cjson.decode(latest)['digest'] == ARGV[3] then return {0, current} end
            end
            local outcome, last = 1, current
            if current == 0 then
              outcome = 2
              last = tonumber(redis.call('ZSCORE', KEYS[3], ARGV[1]) or redis.call('GET', KEYS[4]) or '0')
              redis.call('ZREM', KEYS[3], ARGV[1])
            end
            local v = last + 1
            redis.call('HSET', KEYS[2], tostring(v), ARGV[4])
            redis.call('HSET', KEYS[1], ARGV[1], v)
            local drop = v - tonumber(ARGV[5])
            if drop > 0 then redis.call('HDEL', KEYS[2], tostring(drop)) end
            return {outcome, v}""";

    /** KEYS: index, versions, retired, floor; ARGV: name, expected version, retired names kept. */
    private static final String DELETE = """
            local current = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
            if current == 0 then return 0 end
            local expected = tonumber(ARGV[2])
            if expected >= 0 and expected ~= current then return -1 end
            redis.call('HDEL', KEYS[1], ARGV[1])
            redis.call('DEL', KEYS[2])
            redis.call('ZADD', KEYS[3], current, ARGV[1])
            if redis.call('ZCARD', KEYS[3]) > tonumber(ARGV[3]) then
              local lowest = redis.call('ZPOPMIN', KEYS[3])
              if tonumber(lowest[2]) > tonumber(redis.call('GET', KEYS[4]) or '0') then
                redis.call('SET', KEYS[4], lowest[2])
              end
            end
            return 1""";

    private final RedisDataSource redis;
    private final HashCommands<String, String, String> hashes;
    private final ObjectMapper mapper;

    public DefinitionStore(RedisDataSource redis, ObjectMapper mapper) {
        this.redis = redis;
        this.hashes = redis.hash(String.class);
        this.mapper = mapper;
    }

    public static String indexKey(String tenantId) {
        return TenantKeys.key(SERVICE, tenantId, "definitions");
    }

    public static String versionsKey(String tenantId, String name) {
        return TenantKeys.key(SERVICE, tenantId, "definition:" + name);
    }

    static String retiredKey(String tenantId) {
        return TenantKeys.key(SERVICE, tenantId, "retired-definitions");
    }

    static String retiredFloorKey(String tenantId) {
        return TenantKeys.key(SERVICE, tenantId, "retired-definitions-floor");
    }

    /**
     * @param expectedVersion -1 for any; 0 for "must not exist"
     * @throws VersionMismatch when the current version is another
     * @throws TooManyDefinitions when a new name would exceed {@code maxPerTenant}
     */
    public Saved save(String tenantId, Definition definition, long expectedVersion, int versionsKept,
            int maxPerTenant) {
        ObjectNode stored = mapper.valueToTree(definition);
        stored.remove("version");
        var response = redis.execute("EVAL", SAVE, "4", indexKey(tenantId), versionsKey(tenantId, definition.name()),
                retiredKey(tenantId), retiredFloorKey(tenantId), definition.name(), Long.toString(expectedVersion), definition.digest(), write(stored),
                Integer.toString(versionsKept), Integer.toString(maxPerTenant));
        long outcome = response.get(0).toLong();
        long version = response.get(1).toLong();
        if (outcome == -1) {
            throw new VersionMismatch(version);
        }
        if (outcome == -2) {
            throw new TooManyDefinitions();
        }
        return new Saved(version, outcome == 2, outcome > 0);
    }

    /**
     * @param retiredKept deleted names whose last version is kept apart (see the class comment)
     * @return 1 removed, 0 absent, -1 the If-Match version is not the current one
     */
    public long delete(String tenantId, String name, long expectedVersion, int retiredKept) {
        return redis.execute("EVAL", DELETE, "4", indexKey(tenantId), versionsKey(tenantId, name),
                retiredKey(tenantId), retiredFloorKey(tenantId), name, Long.toString(expectedVersion),
                Integer.toString(retiredKept)).toLong();
    }

    /** The latest version of each definition, by name. */
    public List<Definition> latest(String tenantId) {
        Map<String, String> index = hashes.hgetall(indexKey(tenantId));
        List<Definition> all = new ArrayList<>();
        index.forEach((name, version) -> find(tenantId, name, Long.parseLong(version)).ifPresent(all::add));
        all.sort(Comparator.comparing(Definition::name));
        return all;
    }

    public Optional<Long> latestVersion(String tenantId, String name) {
        return Optional.ofNullable(hashes.hget(indexKey(tenantId), name)).map(Long::parseLong);
    }

    /** KEYS: index, versions; ARGV: name. The latest version and its JSON, in one round trip. */
    private static final String LATEST = """
            local v = redis.call('HGET', KEYS[1], ARGV[1])
            if not v then return {} end
            local json = redis.call('HGET', KEYS[2], v)
            if not json then return {} end
            return {v, json}""";

    /** The latest version of a definition (one round trip). */
    public Optional<Definition> findLatest(String tenantId, String name) {
        return findLatestStored(tenantId, name).map(StoredDefinition::definition);
    }

    /** The latest version of a definition with the fingerprint of its stored JSON (one round trip). */
    public Optional<StoredDefinition> findLatestStored(String tenantId, String name) {
        var response = redis.execute("EVAL", LATEST, "2", indexKey(tenantId), versionsKey(tenantId, name), name);
        if (response == null || response.size() < 2) {
            return Optional.empty();
        }
        String json = response.get(1).toString();
        return Optional.of(new StoredDefinition(read(json, response.get(0).toLong()), StoredDefinition.fingerprint(json)));
    }

    public Optional<Definition> find(String tenantId, String name, long version) {
        return findStored(tenantId, name, version).map(StoredDefinition::definition);
    }

    public Optional<StoredDefinition> findStored(String tenantId, String name, long version) {
        String json = hashes.hget(versionsKey(tenantId, name), Long.toString(version));
        if (json == null) {
            return Optional.empty();
        }
        return Optional.of(new StoredDefinition(read(json, version), StoredDefinition.fingerprint(json)));
    }

    private Definition read(String json, long version) {
        try {
            ObjectNode node = (ObjectNode) mapper.readTree(json);
            node.put("version", version);
            return mapper.treeToValue(node, Definition.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable definition in Redis", e);
        }
    }

    private String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

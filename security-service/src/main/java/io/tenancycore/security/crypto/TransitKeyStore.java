package io.tenancycore.security.crypto;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.smallrye.mutiny.Uni;
import io.tenancycore.security.store.RedisKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Transit keys in Redis. One hash per key, {@code security:{t}:transit:key:<name>}, with metadata fields plus
 * {@code t:<v>} (creation time) and {@code m:<v>} (material wrapped by the master key) per version; a set of key
 * names per tenant; a platform set of tenants that have keys (for auto-rotation and master-key re-wrapping).
 * Changes that depend on the current state run as Lua scripts, so two replicas cannot both create or both rotate.
 */
public class TransitKeyStore {

    private static final String CREATE = """
            if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
            redis.call('HSET', KEYS[1], unpack(ARGV))
            return 1""";
    /** ARGV: expected latest version, new version's wrapped material, creation time (epoch ms). */
    private static final String ROTATE = """
            local current = redis.call('HGET', KEYS[1], 'latest_version')
            if not current then return -1 end
            if current ~= ARGV[1] then return 0 end
            local next = tonumber(current) + 1
            redis.call('HSET', KEYS[1], 'm:' .. next, ARGV[2], 't:' .. next, ARGV[3], 'latest_version', next,
                'last_rotated', ARGV[3])
            return next""";
    /** ARGV: field, expected value, new value. */
    private static final String COMPARE_AND_SET = """
            if redis.call('HGET', KEYS[1], ARGV[1]) ~= ARGV[2] then return 0 end
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
            return 1""";
    /** Only keys that exist get their config changed (no resurrection by a late write). ARGV: field/value pairs. */
    private static final String UPDATE_EXISTING = """
            if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
            redis.call('HSET', KEYS[1], unpack(ARGV))
            return 1""";

    static final String NAME = "name";
    static final String CREATED_AT = "created_at";
    static final String LATEST_VERSION = "latest_version";
    static final String MIN_DECRYPTION_VERSION = "min_decryption_version";
    static final String MIN_ENCRYPTION_VERSION = "min_encryption_version";
    static final String AUTO_ROTATE_SECONDS = "auto_rotate_period_s";
    static final String DELETION_ALLOWED = "deletion_allowed";
    static final String EXPORTABLE = "exportable";
    static final String LAST_ROTATED = "last_rotated";
    static final String MATERIAL_PREFIX = "m:";
    static final String TIME_PREFIX = "t:";

    private final ReactiveRedisDataSource redis;
    private final ReactiveHashCommands<String, String, String> hashes;

    public TransitKeyStore(ReactiveRedisDataSource redis) {
        this.redis = redis;
        this.hashes = redis.hash(String.class, String.class, String.class);
    }

    static String keyOf(String tenantId, String name) {
        return RedisKeys.tenant(tenantId, "transit:key:" + name);
    }

    static String indexOf(String tenantId) {
        return RedisKeys.tenant(tenantId, "transit:keys");
    }

    static String tenantsIndex() {
        return RedisKeys.platform("transit:tenants");
    }

    /** False when a key of that name already exists. */
    public Uni<Boolean> create(TransitKey key) {
        List<String> args = new ArrayList<>();
        args.add(CREATE);
        args.add("1");
        args.add(keyOf(key.tenantId(), key.name()));
        Map<String, String> fields = new HashMap<>(metadataFields(key));
        fields.put(NAME, key.name());
        fields.put(CREATED_AT, Long.toString(key.createdAt().toEpochMilli()));
        fields.put(LATEST_VERSION, Integer.toString(key.latestVersion()));
        fields.put(LAST_ROTATED, Long.toString(key.lastRotated().toEpochMilli()));
        key.wrappedVersions().forEach((version, wrapped) -> fields.put(MATERIAL_PREFIX + version, wrapped));
        key.versionTimes().forEach((version, time) -> fields.put(TIME_PREFIX + version,
                Long.toString(time.toEpochMilli())));
        fields.forEach((field, value) -> {
            args.add(field);
            args.add(value);
        });
        return redis.execute("EVAL", args.toArray(String[]::new))
                .map(response -> response.toInteger() == 1)
                .call(created -> created
                        ? redis.set(String.class).sadd(indexOf(key.tenantId()), key.name())
                                .chain(() -> redis.set(String.class).sadd(tenantsIndex(), key.tenantId()))
                        : Uni.createFrom().voidItem());
    }

    public Uni<TransitKey> find(String tenantId, String name) {
        return hashes.hgetall(keyOf(tenantId, name)).map(fields -> fields.isEmpty() ? null : decode(tenantId, fields));
    }

    public Uni<List<String>> names(String tenantId) {
        return redis.set(String.class).smembers(indexOf(tenantId)).map(names -> names.stream().sorted().toList());
    }

    public Uni<Set<String>> tenantsWithKeys() {
        return redis.set(String.class).smembers(tenantsIndex());
    }

    /**
     * Adds version {@code expectedLatest + 1}.
     *
     * @return the new version; 0 when another writer rotated first; -1 when the key is gone
     */
    public Uni<Integer> addVersion(String tenantId, String name, int expectedLatest, String wrapped, Instant now) {
        return redis.execute("EVAL", ROTATE, "1", keyOf(tenantId, name), Integer.toString(expectedLatest), wrapped,
                Long.toString(now.toEpochMilli())).map(response -> response.toInteger());
    }

    /** Writes the configurable metadata; false when the key does not exist. */
    public Uni<Boolean> updateConfig(TransitKey key) {
        List<String> args = new ArrayList<>(List.of(UPDATE_EXISTING, "1", keyOf(key.tenantId(), key.name())));
        metadataFields(key).forEach((field, value) -> {
            args.add(field);
            args.add(value);
        });
        return redis.execute("EVAL", args.toArray(String[]::new)).map(response -> response.toInteger() == 1);
    }

    public Uni<Void> delete(String tenantId, String name) {
        return redis.key().del(keyOf(tenantId, name))
                .chain(() -> redis.set(String.class).srem(indexOf(tenantId), name)).replaceWithVoid();
    }

    /** Replaces one version's wrapped material if it is still {@code expected}; used by master-key re-wrapping. */
    public Uni<Boolean> replaceMaterial(String tenantId, String name, int version, String expected, String wrapped) {
        return redis.execute("EVAL", COMPARE_AND_SET, "1", keyOf(tenantId, name), MATERIAL_PREFIX + version, expected,
                wrapped).map(response -> response.toInteger() == 1);
    }

    private static Map<String, String> metadataFields(TransitKey key) {
        return Map.of(
                MIN_DECRYPTION_VERSION, Integer.toString(key.minDecryptionVersion()),
                MIN_ENCRYPTION_VERSION, Integer.toString(key.minEncryptionVersion()),
                AUTO_ROTATE_SECONDS, Long.toString(key.autoRotatePeriod().toSeconds()),
                DELETION_ALLOWED, Boolean.toString(key.deletionAllowed()),
                EXPORTABLE, Boolean.toString(key.exportable()));
    }

    static TransitKey decode(String tenantId, Map<String, String> fields) {
        TreeMap<Integer, Instant> times = new TreeMap<>();
        Map<Integer, String> material = new HashMap<>();
        fields.forEach((field, value) -> {
            if (field.startsWith(TIME_PREFIX)) {
                times.put(Integer.parseInt(field.substring(TIME_PREFIX.length())), millis(value));
            } else if (field.startsWith(MATERIAL_PREFIX)) {
                material.put(Integer.parseInt(field.substring(MATERIAL_PREFIX.length())), value);
            }
        });
        return new TransitKey(tenantId, fields.get(NAME), millis(fields.get(CREATED_AT)),
                Integer.parseInt(fields.get(LATEST_VERSION)),
                Integer.parseInt(fields.getOrDefault(MIN_DECRYPTION_VERSION, "1")),
                Integer.parseInt(fields.getOrDefault(MIN_ENCRYPTION_VERSION, "0")),
                Duration.ofSeconds(Long.parseLong(fields.getOrDefault(AUTO_ROTATE_SECONDS, "0"))),
                Boolean.parseBoolean(fields.get(DELETION_ALLOWED)), Boolean.parseBoolean(fields.get(EXPORTABLE)),
                millis(fields.getOrDefault(LAST_ROTATED, fields.get(CREATED_AT))), times, material);
    }

    private static Instant millis(String value) {
        return Instant.ofEpochMilli(Long.parseLong(value));
    }
}

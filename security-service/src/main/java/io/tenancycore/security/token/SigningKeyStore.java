package io.tenancycore.security.token;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.tenancycore.security.store.RedisKeys;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Signing keys in Redis: a hash kid → key document and a pointer to the active kid. Switching the active key is a
 * compare-and-set, so two replicas rotating at once produce one new active key.
 */
public class SigningKeyStore {

    /** KEYS: active pointer, key hash. ARGV: expected active ('' for none), new kid, new key document. */
    private static final String ACTIVATE = """
            local current = redis.call('GET', KEYS[1])
            if (current or '') ~= ARGV[1] then return 0 end
            redis.call('HSET', KEYS[2], ARGV[2], ARGV[3])
            redis.call('SET', KEYS[1], ARGV[2])
            return 1""";

    private final ReactiveRedisDataSource redis;
    private final ObjectMapper mapper;

    public SigningKeyStore(ReactiveRedisDataSource redis, ObjectMapper mapper) {
        this.redis = redis;
        this.mapper = mapper;
    }

    static String keysKey() {
        return RedisKeys.platform("signing:keys");
    }

    static String activeKey() {
        return RedisKeys.platform("signing:active");
    }

    public Uni<String> activeKid() {
        return redis.value(String.class).get(activeKey());
    }

    public Uni<List<SigningKey>> all() {
        return redis.hash(String.class).hvals(keysKey()).map(values -> values.stream().map(this::decode).toList());
    }

    /** Stores {@code key} and makes it active if the active kid is still {@code expectedActive}. */
    public Uni<Boolean> activate(String expectedActive, SigningKey key) {
        return redis.execute("EVAL", ACTIVATE, "2", activeKey(), keysKey(), expectedActive == null ? "" : expectedActive,
                key.kid(), encode(key)).map(response -> response.toInteger() == 1);
    }

    public Uni<Void> save(SigningKey key) {
        return redis.hash(String.class).hset(keysKey(), key.kid(), encode(key)).replaceWithVoid();
    }

    public Uni<Void> remove(String kid) {
        return redis.hash(String.class).hdel(keysKey(), kid).replaceWithVoid();
    }

    private String encode(SigningKey key) {
        try {
            return mapper.writeValueAsString(key);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private SigningKey decode(String json) {
        try {
            return mapper.readValue(json, SigningKey.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}

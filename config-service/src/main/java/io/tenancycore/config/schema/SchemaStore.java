package io.tenancycore.config.schema;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.smallrye.mutiny.Uni;
import io.tenancycore.config.support.RedisKeys;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/** JSON Schemas per namespace of a tenant: hash {@code config:{t}:schemas}, field = namespace. */
@ApplicationScoped
public class SchemaStore {

    private final ReactiveHashCommands<String, String, String> hashes;

    public SchemaStore(ReactiveRedisDataSource redis) {
        this.hashes = redis.hash(String.class);
    }

    public Uni<Map<String, String>> all(String tenantId) {
        return hashes.hgetall(RedisKeys.schemas(tenantId));
    }

    public Uni<String> get(String tenantId, String namespace) {
        return hashes.hget(RedisKeys.schemas(tenantId), namespace);
    }

    /** @return true when the namespace had no schema before */
    public Uni<Boolean> put(String tenantId, String namespace, String schema) {
        return hashes.hset(RedisKeys.schemas(tenantId), namespace, schema);
    }

    public Uni<Boolean> delete(String tenantId, String namespace) {
        return hashes.hdel(RedisKeys.schemas(tenantId), namespace).map(removed -> removed > 0);
    }
}

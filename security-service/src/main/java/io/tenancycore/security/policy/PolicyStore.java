package io.tenancycore.security.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.tenancycore.security.store.RedisKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.UncheckedIOException;

/** {@code security:{t}:policy}: the tenant's policy document; absent means the defaults. */
@ApplicationScoped
public class PolicyStore {

    @Inject
    ReactiveRedisDataSource redis;
    @Inject
    ObjectMapper mapper;

    static String keyOf(String tenantId) {
        return RedisKeys.tenant(tenantId, "policy");
    }

    public Uni<SecurityPolicy> find(String tenantId) {
        return redis.value(String.class).get(keyOf(tenantId)).map(json -> json == null ? null : decode(json));
    }

    public Uni<Void> save(String tenantId, SecurityPolicy policy) {
        try {
            return redis.value(String.class).set(keyOf(tenantId), mapper.writeValueAsString(policy));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Uni<Boolean> delete(String tenantId) {
        return redis.key().del(keyOf(tenantId)).map(removed -> removed > 0);
    }

    private SecurityPolicy decode(String json) {
        try {
            return mapper.readValue(json, SecurityPolicy.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}

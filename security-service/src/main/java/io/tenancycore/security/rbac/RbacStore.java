package io.tenancycore.security.rbac;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.tenancycore.security.store.RedisKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code security:{t}:roles} (role name → role) and {@code security:{t}:bindings} (subject → role names). */
@ApplicationScoped
public class RbacStore {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    /**
     * Stored role JSON → the parsed (immutable) role. Every permission check of a tenant client reads the tenant's
     * roles from Redis; parsing the same few JSON documents again on each request was measurable on the transit path.
     * Keyed by the exact stored text, so a changed role is a new key: nothing here can be stale.
     */
    private final Cache<String, Role> parsedRoles = Caffeine.newBuilder().maximumSize(10_000).build();

    @Inject
    ReactiveRedisDataSource redis;
    @Inject
    ObjectMapper mapper;

    static String rolesKey(String tenantId) {
        return RedisKeys.tenant(tenantId, "roles");
    }

    static String bindingsKey(String tenantId) {
        return RedisKeys.tenant(tenantId, "bindings");
    }

    public Uni<List<Role>> roles(String tenantId) {
        return redis.hash(String.class).hvals(rolesKey(tenantId)).map(values -> values.stream()
                .map(json -> parsedRoles.get(json, text -> read(text, Role.class)))
                .sorted(Comparator.comparing(Role::name)).toList());
    }

    public Uni<Role> role(String tenantId, String name) {
        return redis.hash(String.class).hget(rolesKey(tenantId), name)
                .map(json -> json == null ? null : read(json, Role.class));
    }

    public Uni<Void> putRole(String tenantId, Role role) {
        return redis.hash(String.class).hset(rolesKey(tenantId), role.name(), write(role)).replaceWithVoid();
    }

    /** Adds the role only when the tenant has none of that name; true when added. */
    public Uni<Boolean> addRoleIfAbsent(String tenantId, Role role) {
        return redis.hash(String.class).hsetnx(rolesKey(tenantId), role.name(), write(role));
    }

    public Uni<Boolean> deleteRole(String tenantId, String name) {
        return redis.hash(String.class).hdel(rolesKey(tenantId), name).map(removed -> removed > 0);
    }

    public Uni<Map<String, List<String>>> bindings(String tenantId) {
        return redis.hash(String.class).hgetall(bindingsKey(tenantId)).map(all -> {
            Map<String, List<String>> result = new TreeMap<>();
            all.forEach((subject, json) -> result.put(subject, read(json, STRINGS)));
            return result;
        });
    }

    public Uni<List<String>> binding(String tenantId, String subject) {
        return redis.hash(String.class).hget(bindingsKey(tenantId), subject)
                .map(json -> json == null ? List.of() : read(json, STRINGS));
    }

    public Uni<Void> putBinding(String tenantId, String subject, List<String> roles) {
        return redis.hash(String.class).hset(bindingsKey(tenantId), subject, write(roles)).replaceWithVoid();
    }

    public Uni<Boolean> deleteBinding(String tenantId, String subject) {
        return redis.hash(String.class).hdel(bindingsKey(tenantId), subject).map(removed -> removed > 0);
    }

    private String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T> T read(String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T> T read(String json, TypeReference<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.tenancycore.gateway.subscription;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.hash.ReactiveHashCommands;
import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.redis.TenantKeys;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** A tenant's subscriptions in one Redis hash, {@code gateway:{tenant}:subscriptions}, id → JSON. */
@ApplicationScoped
public class SubscriptionStore {

    static final String SERVICE = "gateway";

    private final ReactiveHashCommands<String, String, String> hashes;
    private final ObjectMapper mapper;

    public SubscriptionStore(ReactiveRedisDataSource redis, ObjectMapper mapper) {
        this.hashes = redis.hash(String.class);
        this.mapper = mapper;
    }

    static String key(String tenantId) {
        return TenantKeys.key(SERVICE, tenantId, "subscriptions");
    }

    public Uni<Long> count(String tenantId) {
        return hashes.hlen(key(tenantId));
    }

    public Uni<Void> save(String tenantId, Subscription subscription) {
        return hashes.hset(key(tenantId), subscription.id(), write(subscription)).replaceWithVoid();
    }

    /** Oldest first, so paging is stable while subscriptions are added. */
    public Uni<List<Subscription>> all(String tenantId) {
        return hashes.hgetall(key(tenantId)).map(entries -> entries.values().stream().map(this::read)
                .sorted(Comparator.comparing(Subscription::createdAt).thenComparing(Subscription::id))
                .toList());
    }

    public Uni<Optional<Subscription>> find(String tenantId, String id) {
        return hashes.hget(key(tenantId), id).map(json -> Optional.ofNullable(json).map(this::read));
    }

    /** @return whether it existed */
    public Uni<Boolean> delete(String tenantId, String id) {
        return hashes.hdel(key(tenantId), id).map(removed -> removed > 0);
    }

    private String write(Subscription subscription) {
        try {
            return mapper.writeValueAsString(subscription);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Subscription read(String json) {
        try {
            return mapper.readValue(json, Subscription.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable subscription in Redis", e);
        }
    }
}

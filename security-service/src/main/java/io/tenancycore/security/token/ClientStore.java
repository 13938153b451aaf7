package io.tenancycore.security.token;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.tenancycore.security.store.RedisKeys;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * OAuth2 clients: {@code security:{t}:clients} hash client id → document per tenant (platform clients under the
 * platform scope) and a platform index client id → owning scope, because a token request names only the client.
 * Last use is kept apart ({@code security:{t}:clients:last-used}) so the hot path never rewrites the document.
 */
public class ClientStore {

    private final ReactiveRedisDataSource redis;
    private final ObjectMapper mapper;

    public ClientStore(ReactiveRedisDataSource redis, ObjectMapper mapper) {
        this.redis = redis;
        this.mapper = mapper;
    }

    static String scopeOf(String tenantId) {
        return tenantId == null ? RedisKeys.PLATFORM : tenantId;
    }

    static String clientsKey(String scope) {
        return RedisKeys.tenant(scope, "clients");
    }

    static String lastUsedKey(String scope) {
        return RedisKeys.tenant(scope, "clients:last-used");
    }

    static String indexKey() {
        return RedisKeys.platform("client-index");
    }

    /** False when the client id is taken. */
    public Uni<Boolean> create(OAuthClient client) {
        String scope = scopeOf(client.tenantId());
        return redis.hash(String.class).hsetnx(indexKey(), client.clientId(), scope).chain(fresh -> fresh
                ? redis.hash(String.class).hset(clientsKey(scope), client.clientId(), encode(client)).replaceWith(true)
                : Uni.createFrom().item(false));
    }

    /** Creates or replaces a platform client (bootstrap). */
    public Uni<Void> upsert(OAuthClient client) {
        String scope = scopeOf(client.tenantId());
        return redis.hash(String.class).hset(indexKey(), client.clientId(), scope)
                .chain(() -> redis.hash(String.class).hset(clientsKey(scope), client.clientId(), encode(client)))
                .replaceWithVoid();
    }

    public Uni<OAuthClient> findById(String clientId) {
        return redis.hash(String.class).hget(indexKey(), clientId).chain(scope -> scope == null
                ? Uni.createFrom().nullItem()
                : find(scope, clientId));
    }

    public Uni<OAuthClient> find(String scope, String clientId) {
        return redis.hash(String.class).hget(clientsKey(scope), clientId).chain(json -> json == null
                ? Uni.createFrom().nullItem()
                : redis.hash(String.class).hget(lastUsedKey(scope), clientId).map(last -> withLastUse(decode(json), last)));
    }

    public Uni<List<OAuthClient>> list(String tenantId) {
        String scope = scopeOf(tenantId);
        return redis.hash(String.class).hgetall(clientsKey(scope)).chain(all -> redis.hash(String.class)
                .hgetall(lastUsedKey(scope)).map(lastUse -> all.entrySet().stream()
                        .map(entry -> withLastUse(decode(entry.getValue()), lastUse.get(entry.getKey())))
                        .sorted(Comparator.comparing(OAuthClient::createdAt))
                        .toList()));
    }

    public Uni<Boolean> delete(String tenantId, String clientId) {
        String scope = scopeOf(tenantId);
        return redis.hash(String.class).hdel(clientsKey(scope), clientId).chain(removed -> removed == 0
                ? Uni.createFrom().item(false)
                : redis.hash(String.class).hdel(lastUsedKey(scope), clientId)
                        .chain(() -> redis.hash(String.class).hdel(indexKey(), clientId)).replaceWith(true));
    }

    public Uni<Void> markUsed(OAuthClient client, Instant when) {
        return redis.hash(String.class).hset(lastUsedKey(scopeOf(client.tenantId())), client.clientId(),
                Long.toString(when.toEpochMilli())).replaceWithVoid();
    }

    private static OAuthClient withLastUse(OAuthClient client, String epochMillis) {
        if (epochMillis == null) {
            return client;
        }
        return new OAuthClient(client.clientId(), client.tenantId(), client.name(), client.roles(),
                client.secretHash(), client.secretBits(), client.createdAt(),
                Instant.ofEpochMilli(Long.parseLong(epochMillis)));
    }

    private String encode(OAuthClient client) {
        try {
            return mapper.writeValueAsString(client);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private OAuthClient decode(String json) {
        try {
            return mapper.readValue(json, OAuthClient.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}

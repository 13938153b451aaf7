package io.tenancycore.config.tenant;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;
import io.tenancycore.config.support.RedisKeys;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Tenants in Redis: {@code config:{t}:tenant} holds the record; the sorted set {@value RedisKeys#TENANT_INDEX}
 * (all scores 0, ordered by id) pages through them.
 */
@ApplicationScoped
public class TenantStore {

    private final ReactiveRedisDataSource redis;
    private final ReactiveValueCommands<String, String> values;
    private final ObjectMapper mapper;

    public TenantStore(ReactiveRedisDataSource redis, ObjectMapper mapper) {
        this.redis = redis;
        this.values = redis.value(String.class);
        this.mapper = mapper;
    }

    /** Stores a new tenant; {@code false} when the id is taken. */
    public Uni<Boolean> create(TenantRecord record) {
        return values.setnx(RedisKeys.tenant(record.tenantId()), encode(record)).call(created -> created
                ? redis.execute("ZADD", RedisKeys.TENANT_INDEX, "0", record.tenantId())
                : Uni.createFrom().voidItem());
    }

    public Uni<TenantRecord> get(String tenantId) {
        return values.get(RedisKeys.tenant(tenantId)).map(json -> json == null ? null : decode(json));
    }

    public Uni<Void> update(TenantRecord record) {
        return values.set(RedisKeys.tenant(record.tenantId()), encode(record));
    }

    /** Up to {@code limit} tenant ids after {@code after} (exclusive), in id order. */
    public Uni<List<String>> ids(String after, int limit) {
        String from = after == null || after.isEmpty() ? "-" : "(" + after;
        return redis.execute("ZRANGE", RedisKeys.TENANT_INDEX, from, "+", "BYLEX", "LIMIT", "0",
                Integer.toString(limit)).map(reply -> {
                    List<String> ids = new ArrayList<>();
                    for (Response id : reply) {
                        ids.add(id.toString());
                    }
                    return ids;
                });
    }

    private String encode(TenantRecord record) {
        try {
            return mapper.writeValueAsString(record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private TenantRecord decode(String json) {
        try {
            return mapper.readValue(json, TenantRecord.class);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable tenant record", e);
        }
    }
}

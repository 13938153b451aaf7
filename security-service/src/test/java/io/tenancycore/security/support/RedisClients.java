package io.tenancycore.security.support;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.runtime.datasource.ReactiveRedisDataSourceImpl;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisAPI;
import java.util.ArrayList;
import java.util.List;

/** Redis data sources built without CDI, so one test can act as several replicas or restart one. */
public final class RedisClients implements AutoCloseable {

    /** The test database of security-service (never the one the local suite uses). */
    public static final String URL = System.getProperty("redis.url", "redis://localhost:6379") + "/11";

    private final Vertx vertx = Vertx.vertx();
    private final List<Redis> clients = new ArrayList<>();

    public ReactiveRedisDataSource dataSource() {
        Redis redis = Redis.createClient(vertx, URL);
        clients.add(redis);
        return new ReactiveRedisDataSourceImpl(vertx, redis, RedisAPI.api(redis));
    }

    /** Closes one "replica": the data source stops working, the data stays in Redis. */
    public void close(int index) {
        clients.get(index).close();
    }

    @Override
    public void close() {
        clients.forEach(Redis::close);
        vertx.closeAndAwait();
    }
}

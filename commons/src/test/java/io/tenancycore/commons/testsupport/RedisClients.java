package io.tenancycore.commons.testsupport;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.runtime.datasource.ReactiveRedisDataSourceImpl;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisAPI;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import java.util.ArrayList;
import java.util.List;

/** Quarkus Redis data sources built without CDI, for plain JUnit tests. */
public final class RedisClients implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final List<Redis> clients = new ArrayList<>();

    public ReactiveRedisDataSource dataSource(String url) {
        Redis redis = Redis.createClient(vertx, url);
        clients.add(redis);
        return new ReactiveRedisDataSourceImpl(vertx, redis, RedisAPI.api(redis));
    }

    /** A cluster client over the comma-separated seed URLs (as {@code ./suite infra} prints in cluster mode). */
    public ReactiveRedisDataSource clusterDataSource(String urls) {
        RedisOptions options = new RedisOptions().setType(RedisClientType.CLUSTER);
        for (String url : urls.split(",")) {
            options.addConnectionString(url.trim());
        }
        Redis redis = Redis.createClient(vertx, options);
        clients.add(redis);
        return new ReactiveRedisDataSourceImpl(vertx, redis, RedisAPI.api(redis));
    }

    @Override
    public void close() {
        clients.forEach(Redis::close);
        vertx.closeAndAwait();
    }
}

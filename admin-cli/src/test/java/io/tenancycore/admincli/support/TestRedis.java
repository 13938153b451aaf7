package io.tenancycore.admincli.support;

import io.tenancycore.admincli.connect.RedisSession;
import io.vertx.core.Vertx;
import java.time.Duration;

/** A Redis connection for the tests' own reads and writes (database 9 of the test Redis). */
public final class TestRedis implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final RedisSession session = RedisSession.open(vertx, Infra.redisUrl(), Duration.ofSeconds(10));

    public RedisSession session() {
        return session;
    }

    @Override
    public void close() {
        session.close();
        vertx.close();
    }
}

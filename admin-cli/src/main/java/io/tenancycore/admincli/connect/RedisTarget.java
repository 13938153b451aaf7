package io.tenancycore.admincli.connect;

import io.vertx.core.Vertx;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Where Redis is: {@code --redis-url} (config {@code corectl.redis-url}, env {@code CORECTL_REDIS_URL}). */
public class RedisTarget {

    @Option(names = "--redis-url", paramLabel = "URL",
            description = "Redis URL, database included, e.g. redis://localhost:6379/0 (env CORECTL_REDIS_URL)")
    String redisUrl;

    @Option(names = "--redis-timeout", paramLabel = "MILLIS",
            description = "timeout of one Redis call in ms (default ${DEFAULT-VALUE})")
    long redisTimeoutMillis = 10_000;

    public String url() {
        return redisUrl;
    }

    public RedisSession open(Vertx vertx) {
        return RedisSession.open(vertx, redisUrl, Duration.ofMillis(redisTimeoutMillis));
    }

    public RedisSession open(Vertx vertx, Duration timeout) {
        return RedisSession.open(vertx, redisUrl, timeout);
    }
}

package io.tenancycore.admincli.health;

import io.tenancycore.admincli.shell.CliFailure;
import io.tenancycore.admincli.connect.RedisSession;
import io.tenancycore.admincli.connect.RedisTarget;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Response;
import java.time.Duration;

/** Redis is UP when it answers PING with PONG within the timeout; --detailed adds its version from INFO server. */
class RedisProbe {

    private final Duration timeout;
    private final Vertx vertx;

    RedisProbe(Duration timeout, Vertx vertx) {
        this.timeout = timeout;
        this.vertx = vertx;
    }

    ComponentHealth check(RedisTarget redis, boolean detailed) {
        long started = System.nanoTime();
        String target = RedisSession.redact(redis.url());
        try (RedisSession session = redis.open(vertx, timeout)) {
            Response pong = session.send(Command.PING);
            long latency = ServiceProbe.millisSince(started);
            String version = detailed ? version(session.send(Command.INFO, "server")) : null;
            boolean up = pong != null && "PONG".equals(pong.toString());
            return new ComponentHealth("redis", target, up ? ComponentHealth.UP : ComponentHealth.DOWN, latency,
                    version, up ? null : "PING answered " + pong, null);
        } catch (CliFailure e) {
            return new ComponentHealth("redis", target, ComponentHealth.UNREACHABLE, ServiceProbe.millisSince(started),
                    null, e.getMessage(), null);
        }
    }

    private static String version(Response info) {
        if (info == null) {
            return null;
        }
        return info.toString().lines().filter(line -> line.startsWith("redis_version:"))
                .map(line -> "redis " + line.substring("redis_version:".length()).trim()).findFirst().orElse(null);
    }
}

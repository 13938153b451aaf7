package io.tenancycore.workflow.instance;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.digest.Digests;
import io.vertx.mutiny.redis.client.Response;

/**
 * A Lua script run on every instance's start or end: sent by its SHA-1 ({@code EVALSHA}), so Redis neither receives
 * nor hashes its text each time, and in full ({@code EVAL}, which caches it) only when Redis does not know it yet
 * (a new or restarted Redis answers {@code NOSCRIPT}).
 */
final class LuaScript {

    private final String body;
    private final String sha;

    LuaScript(String body) {
        this.body = body;
        this.sha = Digests.sha1Hex(body);
    }

    /** @param keysAndArgs the key count, the keys, then the arguments, as {@code EVAL} takes them after the script */
    Uni<Response> run(ReactiveRedisDataSource redis, String... keysAndArgs) {
        return redis.execute("EVALSHA", with(sha, keysAndArgs))
                .onFailure(LuaScript::unknown).recoverWithUni(() -> redis.execute("EVAL", with(body, keysAndArgs)));
    }

    Response run(RedisDataSource redis, String... keysAndArgs) {
        try {
            return redis.execute("EVALSHA", with(sha, keysAndArgs));
        } catch (RuntimeException e) {
            if (!unknown(e)) {
                throw e;
            }
            return redis.execute("EVAL", with(body, keysAndArgs));
        }
    }

    private static boolean unknown(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().startsWith("NOSCRIPT")) {
                return true;
            }
        }
        return false;
    }

    private static String[] with(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}

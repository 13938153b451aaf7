package io.tenancycore.security.token;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.tenancycore.security.store.RedisKeys;
import io.vertx.mutiny.redis.client.Response;
import java.time.Duration;

/**
 * Limits of the token endpoint, exact across replicas: fixed windows counted in Redis by one Lua script (read,
 * count, start the window's expiry — atomically, one round trip). Two limits: requests per source address (every
 * request counts) and failed authentications per client id (only failures count; once over, every further try is
 * refused, and counted, until the window ends).
 */
public class TokenRateLimiter {

    /**
     * KEYS[1] counter; ARGV[1] window in ms; ARGV[2] limit; ARGV[3] "1" to count this request, "0" to count it only
     * when the limit is already reached (a refused try). Answers {count, ms left in the window}.
     */
    static final String SCRIPT = """
            local count = tonumber(redis.call('GET', KEYS[1]) or '0')
            if ARGV[3] == '1' or count >= tonumber(ARGV[2]) then
              count = redis.call('INCR', KEYS[1])
              if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            end
            local ttl = redis.call('PTTL', KEYS[1])
            if ttl == -1 then
              redis.call('PEXPIRE', KEYS[1], ARGV[1])
              ttl = tonumber(ARGV[1])
            end
            return {count, ttl}
            """;

    /**
     * @param allowed whether the request may go on
     * @param firstRefusal the first refusal of the window (so a flood leaves one audit record per window, not one
     *        per request)
     * @param retryAfter until the window ends
     */
    public record Verdict(boolean allowed, boolean firstRefusal, Duration retryAfter) {
    }

    private final ReactiveRedisDataSource redis;
    private final int perClient;
    private final int perAddress;
    private final Duration window;

    public TokenRateLimiter(ReactiveRedisDataSource redis, int failedAttemptsPerClient, int requestsPerAddress,
            Duration window) {
        this.redis = redis;
        this.perClient = failedAttemptsPerClient;
        this.perAddress = requestsPerAddress;
        this.window = window;
    }

    static String addressKey(String address) {
        return RedisKeys.platform("token-limits:address:" + (address == null ? "unknown" : address));
    }

    static String clientKey(String clientId) {
        return RedisKeys.platform("token-limits:client:" + clientId);
    }

    /** Counts a token request from the address; refused past the per-address limit. */
    public Uni<Verdict> request(String address) {
        return run(addressKey(address), perAddress, true);
    }

    /** Whether the client id may try to authenticate (under its failure limit); counts only refused tries. */
    public Uni<Verdict> mayTry(String clientId) {
        return run(clientKey(clientId), perClient, false);
    }

    /** Counts a failed authentication of the client id. */
    public Uni<Void> failed(String clientId) {
        return run(clientKey(clientId), perClient, true).replaceWithVoid();
    }

    private Uni<Verdict> run(String key, int limit, boolean count) {
        return redis.execute("EVAL", SCRIPT, "1", key, Long.toString(window.toMillis()), Integer.toString(limit),
                count ? "1" : "0").map(reply -> verdict(reply, limit, count));
    }

    private static Verdict verdict(Response reply, int limit, boolean counted) {
        long count = reply.get(0).toLong();
        Duration left = Duration.ofMillis(Math.max(0, reply.get(1).toLong()));
        boolean allowed = counted ? count <= limit : count < limit;
        return new Verdict(allowed, count == limit + 1L, left);
    }
}

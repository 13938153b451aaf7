package io.tenancycore.gateway.quota;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.digest.Digests;
import io.tenancycore.commons.redis.TenantKeys;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;

/**
 * Counts a tenant's requests in the current hour in Redis, exactly across gateway replicas: one Lua script reads the
 * counter, refuses at the limit, otherwise increments it, atomically, so two replicas can never both admit the last
 * request. Refused requests are not counted. The key ({@code gateway:{tenant}:quota:<hour>}) expires shortly after
 * its hour, so nothing accumulates.
 */
@ApplicationScoped
public class QuotaLimiter {

    static final String SERVICE = "gateway";
    /** A counter outlives its hour by this much, so a replica with a slightly slow clock still finds it. */
    static final long EXPIRY_MARGIN_SECONDS = 120;
    static final String SCRIPT = """
            local used = tonumber(redis.call('GET', KEYS[1]) or '0')
            if used >= tonumber(ARGV[1]) then
              return {0, used}
            end
            used = redis.call('INCR', KEYS[1])
            if used == 1 then
              redis.call('EXPIRE', KEYS[1], ARGV[2])
            end
            return {1, used}
            """;
    private static final String SCRIPT_SHA = Digests.sha1Hex(SCRIPT);

    private final ReactiveRedisDataSource redis;
    private final Clock clock;

    @Inject
    public QuotaLimiter(ReactiveRedisDataSource redis) {
        this(redis, Clock.systemUTC());
    }

    QuotaLimiter(ReactiveRedisDataSource redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    /** Counts one request of {@code tenantId} if its {@code limit} per hour allows it. */
    public Uni<QuotaDecision> acquire(String tenantId, long limit) {
        HourWindow window = HourWindow.at(clock.instant());
        String key = key(tenantId, window);
        String[] args = {key, Long.toString(limit), Long.toString(window.secondsLeft() + EXPIRY_MARGIN_SECONDS)};
        return redis.execute("EVALSHA", withScript(SCRIPT_SHA, args))
                .onFailure(QuotaLimiter::isNoScript).recoverWithUni(() -> redis.execute("EVAL", withScript(SCRIPT, args)))
                .map(answer -> decision(answer, limit, window));
    }

    static String key(String tenantId, HourWindow window) {
        return TenantKeys.key(SERVICE, tenantId, "quota:" + window.index());
    }

    private static QuotaDecision decision(Response answer, long limit, HourWindow window) {
        return new QuotaDecision(answer.get(0).toLong() == 1, limit, answer.get(1).toLong(), window.secondsLeft());
    }

    private static String[] withScript(String script, String[] args) {
        return new String[] {script, "1", args[0], args[1], args[2]};
    }

    /** Redis forgot the script (restart, SCRIPT FLUSH): send it in full once, which caches it again. */
    private static boolean isNoScript(Throwable failure) {
        return failure.getMessage() != null && failure.getMessage().startsWith("NOSCRIPT");
    }

}

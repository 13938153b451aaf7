package io.tenancycore.admincli.migrate;

import static io.vertx.redis.client.Command.DEL;
import static io.vertx.redis.client.Command.GET;
import static io.vertx.redis.client.Command.INCR;
import static io.vertx.redis.client.Command.SET;

import io.tenancycore.admincli.connect.RedisSession;
import io.vertx.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A migration that exists only in tests: {@code corectl-it:old:<n>} → {@code corectl-it:new:<n>}, counting how often
 * each key was migrated (to prove no work is done twice). When {@code corectl-it:crash-at} holds N, the N-th key it
 * is handed makes it fail once, as a killed process would stop a run.
 */
@ApplicationScoped
public class RenameForTestsMigration implements Migration {

    static final String OLD = "corectl-it:old:";
    static final String NEW = "corectl-it:new:";
    static final String TIMES = "corectl-it:times:";
    static final String CRASH_AT = "corectl-it:crash-at";
    static final String HANDED = "corectl-it:handed";

    @Override
    public String id() {
        return "zz-test-0001-rename";
    }

    @Override
    public String service() {
        return "tests";
    }

    @Override
    public String description() {
        return "test keys corectl-it:old:* -> corectl-it:new:*";
    }

    @Override
    public String match() {
        return OLD + "*";
    }

    @Override
    public void migrate(RedisSession redis, byte[] rawKey) {
        long handed = redis.send(INCR, HANDED).toLong();
        Response crashAt = redis.send(GET, CRASH_AT);
        if (crashAt != null && handed == crashAt.toLong()) {
            redis.send(DEL, CRASH_AT);
            throw new IllegalStateException("simulated crash");
        }
        String key = new String(rawKey, StandardCharsets.UTF_8);
        String suffix = key.substring(OLD.length());
        Response value = redis.send(GET, key);
        if (value == null) {
            return;
        }
        redis.transaction(List.of(
                RedisSession.request(SET, NEW + suffix, value.toString()),
                RedisSession.request(INCR, TIMES + suffix),
                RedisSession.request(DEL, key)));
    }
}

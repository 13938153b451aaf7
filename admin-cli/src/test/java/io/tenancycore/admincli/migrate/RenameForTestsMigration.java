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
 * A migration that exists only in tests: {@code corectl-it:<run>:old:<n>} → {@code corectl-it:<run>:new:<n>},
 * counting in {@code corectl-it:<run>:times:<n>} how often each key was migrated (to prove no work is done twice). When {@code corectl-it:crash-at} holds N, the N-th key it
 * is handed makes it fail once, as a killed process would stop a run.
 */
@ApplicationScoped
public class RenameForTestsMigration implements Migration {

    static final String OLD = ":old:";
    static final String NEW = ":new:";
    static final String TIMES = ":times:";
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
        return "test keys corectl-it:<run>:old:* -> corectl-it:<run>:new:*";
    }

    @Override
    public String match() {
        return "corectl-it:*" + OLD + "*";
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
        int at = key.indexOf(OLD);
        Response value = redis.send(GET, key);
        if (value == null) {
            return;
        }
        redis.transaction(List.of(
                RedisSession.request(SET, key.substring(0, at) + NEW + key.substring(at + OLD.length()), value.toString()),
                RedisSession.request(INCR, key.substring(0, at) + TIMES + key.substring(at + OLD.length())),
                RedisSession.request(DEL, key)));
    }
}

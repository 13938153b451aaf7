package io.tenancycore.admincli.migrate.alert;

import static io.vertx.redis.client.Command.DEL;
import static io.vertx.redis.client.Command.SET;

import io.tenancycore.admincli.connect.RedisSession;
import io.tenancycore.admincli.migrate.Migration;
import io.vertx.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * alert-service commit 71924fb moved "since when has this rule's condition held" from one hash per tenant,
 * {@code alert:{t}:pending} with fields {@code <rule>:<fingerprint>}, to one expiring key per rule and alert,
 * {@code alert:{t}:pending:<rule>:<fingerprint>}. Without this migration a rule with {@code for} starts waiting again
 * and the old hash stays forever. The moved key expires after alert-service's default pending grace
 * ({@value #GRACE_MINUTES} min); the next true signal sets the rule's own expiry, and a value the new code already
 * wrote wins (SET NX).
 */
@ApplicationScoped
public class PendingRuleKeys implements Migration {

    static final String OLD_SUFFIX = "pending";
    static final long GRACE_MINUTES = 10;

    @Override
    public String id() {
        return "alert-0002-pending-per-rule-key";
    }

    @Override
    public String service() {
        return "alert-service";
    }

    @Override
    public String description() {
        return "alert:{t}:pending (one hash per tenant) -> alert:{t}:pending:<rule>:<fingerprint> (expiring)";
    }

    @Override
    public String match() {
        return "alert:{*}:" + OLD_SUFFIX;
    }

    @Override
    public void migrate(RedisSession redis, byte[] rawKey) {
        String key = new String(rawKey, StandardCharsets.UTF_8);
        String prefix = key.substring(0, key.length() - OLD_SUFFIX.length());
        List<Request> writes = new ArrayList<>();
        long ttl = Duration.ofMinutes(GRACE_MINUTES).toMillis();
        for (Map.Entry<String, String> field : HashFields.read(redis, key).entrySet()) {
            writes.add(RedisSession.request(SET, prefix + "pending:" + field.getKey(), field.getValue(), "NX", "PX", ttl));
        }
        writes.add(RedisSession.request(DEL, key));
        redis.transaction(writes);
    }
}

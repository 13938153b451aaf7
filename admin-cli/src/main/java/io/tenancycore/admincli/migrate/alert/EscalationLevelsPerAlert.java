package io.tenancycore.admincli.migrate.alert;

import static io.vertx.redis.client.Command.DEL;
import static io.vertx.redis.client.Command.HGET;
import static io.vertx.redis.client.Command.HSETNX;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tenancycore.admincli.connect.RedisSession;
import io.tenancycore.admincli.migrate.Migration;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * alert-service commit 71924fb moved the escalation levels from one hash per tenant,
 * {@code alert:{t}:escalation-levels} with fields {@code <policy>:<fingerprint>:<startsAtMillis>}, to one hash per
 * alert, {@code alert:{t}:escalation:<fingerprint>} with fields {@code <policy>:<startsAtMillis>}, deleted when the
 * alert is acknowledged or resolved. Without this migration the new code forgets which levels were already notified
 * and sends them again. Levels of alerts that are no longer firing are dropped (the new layout keeps none), and a
 * level the new code already wrote wins (HSETNX).
 */
@ApplicationScoped
public class EscalationLevelsPerAlert implements Migration {

    static final String OLD_SUFFIX = "escalation-levels";
    private static final String FIRING = "firing";

    @Inject
    ObjectMapper json;

    @Override
    public String id() {
        return "alert-0001-escalation-levels-per-alert";
    }

    @Override
    public String service() {
        return "alert-service";
    }

    @Override
    public String description() {
        return "alert:{t}:escalation-levels (one hash per tenant) -> alert:{t}:escalation:<fingerprint>";
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
        for (Map.Entry<String, String> field : HashFields.read(redis, key).entrySet()) {
            // <policy>:<fingerprint>:<startsAtMillis>; a policy name may hold colons, the other two never do
            String name = field.getKey();
            int startColon = name.lastIndexOf(':');
            int fingerprintColon = startColon > 0 ? name.lastIndexOf(':', startColon - 1) : -1;
            if (fingerprintColon <= 0) {
                continue;
            }
            String policy = name.substring(0, fingerprintColon);
            String fingerprint = name.substring(fingerprintColon + 1, startColon);
            String startsAt = name.substring(startColon + 1);
            if (firing(redis, prefix, fingerprint)) {
                writes.add(RedisSession.request(HSETNX, prefix + "escalation:" + fingerprint, policy + ":" + startsAt,
                        field.getValue()));
            }
        }
        writes.add(RedisSession.request(DEL, key));
        redis.transaction(writes);
    }

    private boolean firing(RedisSession redis, String prefix, String fingerprint) {
        Response alert = redis.send(HGET, prefix + "alerts", fingerprint);
        if (alert == null) {
            return false;
        }
        try {
            return FIRING.equals(json.readTree(alert.toString()).path("state").asText());
        } catch (IOException e) {
            return false;
        }
    }
}

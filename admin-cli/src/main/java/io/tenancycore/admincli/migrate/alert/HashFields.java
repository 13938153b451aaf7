package io.tenancycore.admincli.migrate.alert;

import static io.vertx.redis.client.Command.HGET;
import static io.vertx.redis.client.Command.HKEYS;

import io.tenancycore.admincli.connect.RedisSession;
import io.vertx.redis.client.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/** A hash's fields and values as text (the old alert layouts are small per-tenant hashes). */
final class HashFields {

    private HashFields() {
    }

    static Map<String, String> read(RedisSession redis, String key) {
        Map<String, String> fields = new LinkedHashMap<>();
        Response names = redis.send(HKEYS, key);
        if (names == null) {
            return fields;
        }
        for (Response name : names) {
            Response value = redis.send(HGET, key, name.toString());
            if (value != null) {
                fields.put(name.toString(), value.toString());
            }
        }
        return fields;
    }
}

package io.tenancycore.admincli.support;

import io.tenancycore.admincli.connect.RedisSession;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * The keys of a Redis database read back with typed commands (not DUMP, so a restore is compared by what services
 * read): key → type and value, and key → remaining TTL.
 */
public record RedisState(Map<String, String> values, Map<String, Long> ttls) {

    /** Every key matching {@code match} (a Redis glob), on every master of a cluster. */
    public static RedisState read(RedisSession session, String match) {
        Map<String, String> values = new TreeMap<>();
        Map<String, Long> ttls = new TreeMap<>();
        forEachKey(session, match, (node, raw) -> {
            String key = new String(raw, StandardCharsets.UTF_8);
            String type = node.send(Command.TYPE, key).toString();
            values.put(key, type + " " + value(node, key, type));
            ttls.put(key, node.send(Command.PTTL, key).toLong());
        });
        return new RedisState(values, ttls);
    }

    /** Hands each key matching {@code match} with the master that holds it. */
    private static void forEachKey(RedisSession session, String match, BiConsumer<RedisSession, byte[]> action) {
        for (RedisSession node : session.masters()) {
            try {
                String cursor = "0";
                do {
                    RedisSession.ScanPage page = node.scan(cursor, match, 200);
                    cursor = page.cursor();
                    for (byte[] key : page.keys()) {
                        action.accept(node, key);
                    }
                } while (!"0".equals(cursor));
            } finally {
                closeNode(session, node);
            }
        }
    }

    private static void closeNode(RedisSession session, RedisSession node) {
        if (node != session) {
            node.close();
        }
    }

    private static String value(RedisSession session, String key, String type) {
        return switch (type) {
            case "string" -> session.send(Command.GET, key).toString();
            case "hash" -> hash(session, key).toString();
            case "list" -> strings(session.send(Command.LRANGE, key, 0, -1)).toString();
            case "set" -> strings(session.send(Command.SMEMBERS, key)).stream().sorted().toList().toString();
            case "zset" -> strings(session.send(Command.ZRANGE, key, 0, -1, "WITHSCORES")).toString();
            case "stream" -> session.send(Command.XRANGE, key, "-", "+").toString();
            default -> throw new AssertionError("unexpected type " + type + " of " + key);
        };
    }

    private static Map<String, String> hash(RedisSession session, String key) {
        Map<String, String> map = new TreeMap<>();
        for (String field : strings(session.send(Command.HKEYS, key))) {
            map.put(field, session.send(Command.HGET, key, field).toString());
        }
        return map;
    }

    private static List<String> strings(Response response) {
        List<String> items = new ArrayList<>();
        for (Response item : response) {
            items.add(item.toString());
        }
        return items;
    }

    /** Deletes every key matching {@code match} (on every master of a cluster); returns how many there were. */
    public static long delete(RedisSession session, String match) {
        long[] deleted = {0};
        forEachKey(session, match, (node, key) -> deleted[0] += node.send(Command.DEL, key).toLong());
        return deleted[0];
    }

    public static long count(RedisSession session, String match) {
        return read(session, match).values().size();
    }
}

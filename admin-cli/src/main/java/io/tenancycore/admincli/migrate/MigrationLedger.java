package io.tenancycore.admincli.migrate;

import static io.vertx.redis.client.Command.DEL;
import static io.vertx.redis.client.Command.EVAL;
import static io.vertx.redis.client.Command.HGET;
import static io.vertx.redis.client.Command.HSET;
import static io.vertx.redis.client.Command.SET;

import io.tenancycore.admincli.connect.RedisSession;
import io.vertx.redis.client.Response;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What migrate records in Redis, under DESIGN's layout for platform state ({@code corectl:{_platform}:…}): the applied
 * migration ids (a hash id → time), the progress of a migration under way (cursor and keys done), and a lock so two
 * corectl processes never migrate at once.
 */
final class MigrationLedger {

    static final String PREFIX = "corectl:{_platform}:migrations:";
    static final String APPLIED = PREFIX + "applied";
    static final String LOCK = PREFIX + "lock";
    private static final long LOCK_MILLIS = 120_000;
    private static final String RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then "
            + "return redis.call('del', KEYS[1]) else return 0 end";

    private final RedisSession redis;
    private final String owner = UUID.randomUUID().toString();

    MigrationLedger(RedisSession redis) {
        this.redis = redis;
    }

    static String progressKey(String id) {
        return PREFIX + "progress:" + id;
    }

    /** Where an unfinished run stopped: the SCAN cursor to continue from and the keys it had migrated. */
    record Progress(String cursor, long done) {
        static final Progress START = new Progress("0", 0);

        boolean resumed() {
            return done > 0 || !"0".equals(cursor);
        }
    }

    boolean applied(String id) {
        return redis.send(HGET, APPLIED, id) != null;
    }

    String appliedAt(String id) {
        Response at = redis.send(HGET, APPLIED, id);
        return at == null ? null : at.toString();
    }

    Progress progress(String id) {
        Response cursor = redis.send(HGET, progressKey(id), "cursor");
        Response done = redis.send(HGET, progressKey(id), "done");
        return cursor == null ? Progress.START : new Progress(cursor.toString(), done == null ? 0 : done.toLong());
    }

    void saveProgress(String id, Progress progress) {
        redis.send(HSET, progressKey(id), "cursor", progress.cursor(), "done", progress.done(),
                "updated_at", Instant.now().toString());
    }

    /** Recorded as applied and its progress dropped, in one transaction. */
    void markApplied(String id) {
        redis.transaction(List.of(
                RedisSession.request(HSET, APPLIED, id, Instant.now().toString()),
                RedisSession.request(DEL, progressKey(id))));
    }

    boolean lock() {
        return redis.send(SET, LOCK, owner, "NX", "PX", LOCK_MILLIS) != null;
    }

    /** Extends the lock while a long migration runs (called after every batch). */
    void keepLock() {
        redis.send(SET, LOCK, owner, "XX", "PX", LOCK_MILLIS);
    }

    void unlock() {
        redis.send(EVAL, RELEASE, 1, LOCK, owner);
    }
}

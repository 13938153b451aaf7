package io.tenancycore.admincli.migrate;

import io.tenancycore.admincli.connect.RedisSession;
import io.tenancycore.admincli.shell.CliFailure;
import java.io.PrintWriter;
import java.util.List;

/**
 * Applies the registered migrations that are not recorded as applied, in id order, each in SCAN batches with its
 * progress saved after every batch. A failure stops the run with the progress kept; the next run resumes there.
 * In a Redis Cluster every master is scanned in turn (a SCAN sees one node's keys); the saved position is then
 * {@code <master index>/<cursor>}, masters ordered by address.
 */
final class MigrationRunner {

    private final RedisSession redis;
    private final MigrationLedger ledger;
    private final int batchSize;
    private final PrintWriter out;

    MigrationRunner(RedisSession redis, int batchSize, PrintWriter out) {
        this.redis = redis;
        this.ledger = new MigrationLedger(redis);
        this.batchSize = batchSize;
        this.out = out;
    }

    /** Prints what a run would do; changes nothing. Returns how many migrations are pending. */
    int plan(List<Migration> migrations) {
        int pending = 0;
        for (Migration migration : migrations) {
            String appliedAt = ledger.appliedAt(migration.id());
            if (appliedAt != null) {
                out.printf("applied  %s (%s)%n", migration.id(), appliedAt);
                continue;
            }
            pending++;
            MigrationLedger.Progress progress = ledger.progress(migration.id());
            out.printf("pending  %s [%s] %s: %d keys to migrate%s%n", migration.id(), migration.service(),
                    migration.description(), count(migration.match()),
                    progress.resumed() ? " (resumes after " + progress.done() + " keys done)" : "");
        }
        return pending;
    }

    /** Applies every pending migration; returns how many it applied. */
    int apply(List<Migration> migrations) {
        if (!ledger.lock()) {
            throw new CliFailure("another corectl migrate holds " + MigrationLedger.LOCK
                    + "; wait for it (the lock expires 2 minutes after its holder stops)");
        }
        try {
            int applied = 0;
            for (Migration migration : migrations) {
                if (ledger.applied(migration.id())) {
                    continue;
                }
                run(migration);
                applied++;
            }
            return applied;
        } finally {
            ledger.unlock();
        }
    }

    private void run(Migration migration) {
        MigrationLedger.Progress progress = ledger.progress(migration.id());
        if (progress.resumed()) {
            out.printf("resuming %s after %d keys%n", migration.id(), progress.done());
        }
        long done = progress.done();
        List<RedisSession> masters = redis.masters();
        try {
            int from = node(progress.cursor());
            for (int node = from; node < masters.size(); node++) {
                RedisSession master = masters.get(node);
                String cursor = node == from ? cursor(progress.cursor()) : "0";
                do {
                    RedisSession.ScanPage page = master.scan(cursor, migration.match(), batchSize);
                    for (byte[] key : page.keys()) {
                        try {
                            migration.migrate(master, key);
                        } catch (RuntimeException e) {
                            throw new CliFailure("migration " + migration.id() + " stopped after " + done + " keys: "
                                    + e.getMessage() + "; its progress is saved, run corectl migrate again to resume", e);
                        }
                        done++;
                    }
                    cursor = page.cursor();
                    String position = !"0".equals(cursor) || node + 1 == masters.size()
                            ? position(masters.size(), node, cursor)
                            : position(masters.size(), node + 1, "0");
                    ledger.saveProgress(migration.id(), new MigrationLedger.Progress(position, done));
                    ledger.keepLock();
                } while (!"0".equals(cursor));
            }
        } finally {
            masters.stream().filter(master -> master != redis).forEach(RedisSession::close);
        }
        ledger.markApplied(migration.id());
        out.printf("applied  %s [%s]: %d keys migrated%n", migration.id(), migration.service(), done);
        out.flush();
    }

    /** A single server's position is its SCAN cursor; a cluster's is the master's index and its cursor. */
    private static String position(int masters, int node, String cursor) {
        return masters == 1 ? cursor : node + "/" + cursor;
    }

    private static int node(String position) {
        int slash = position.indexOf('/');
        return slash < 0 ? 0 : Integer.parseInt(position.substring(0, slash));
    }

    private static String cursor(String position) {
        return position.substring(position.indexOf('/') + 1);
    }

    private long count(String match) {
        long count = 0;
        List<RedisSession> masters = redis.masters();
        try {
            for (RedisSession master : masters) {
                String cursor = "0";
                do {
                    RedisSession.ScanPage page = master.scan(cursor, match, batchSize);
                    count += page.keys().size();
                    cursor = page.cursor();
                } while (!"0".equals(cursor));
            }
        } finally {
            masters.stream().filter(master -> master != redis).forEach(RedisSession::close);
        }
        return count;
    }
}

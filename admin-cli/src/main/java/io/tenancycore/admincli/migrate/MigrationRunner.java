package io.tenancycore.admincli.migrate;

import io.tenancycore.admincli.connect.RedisSession;
import io.tenancycore.admincli.shell.CliFailure;
import java.io.PrintWriter;
import java.util.List;

/**
 * Applies the registered migrations that are not recorded as applied, in id order, each in SCAN batches with its
 * progress saved after every batch. A failure stops the run with the progress kept; the next run resumes there.
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
        String cursor = progress.cursor();
        long done = progress.done();
        do {
            RedisSession.ScanPage page = redis.scan(cursor, migration.match(), batchSize);
            for (byte[] key : page.keys()) {
                try {
                    migration.migrate(redis, key);
                } catch (RuntimeException e) {
                    throw new CliFailure("migration " + migration.id() + " stopped after " + done + " keys: "
                            + e.getMessage() + "; its progress is saved, run corectl migrate again to resume", e);
                }
                done++;
            }
            cursor = page.cursor();
            ledger.saveProgress(migration.id(), new MigrationLedger.Progress(cursor, done));
            ledger.keepLock();
        } while (!"0".equals(cursor));
        ledger.markApplied(migration.id());
        out.printf("applied  %s [%s]: %d keys migrated%n", migration.id(), migration.service(), done);
        out.flush();
    }

    private long count(String match) {
        long count = 0;
        String cursor = "0";
        do {
            RedisSession.ScanPage page = redis.scan(cursor, match, batchSize);
            count += page.keys().size();
            cursor = page.cursor();
        } while (!"0".equals(cursor));
        return count;
    }
}

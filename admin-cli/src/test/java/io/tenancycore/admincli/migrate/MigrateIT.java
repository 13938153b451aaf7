package io.tenancycore.admincli.migrate;

import static io.vertx.redis.client.Command.EXISTS;
import static io.vertx.redis.client.Command.GET;
import static io.vertx.redis.client.Command.HGET;
import static io.vertx.redis.client.Command.HSET;
import static io.vertx.redis.client.Command.PTTL;
import static io.vertx.redis.client.Command.SET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import io.tenancycore.admincli.connect.RedisSession;
import io.tenancycore.admincli.support.Infra;
import io.tenancycore.admincli.support.RedisState;
import io.tenancycore.admincli.support.TestRedis;
import io.vertx.redis.client.Response;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code corectl migrate} over the real Redis (database 9): recorded, idempotent, resumable; the alert layouts. Each
 * test starts from an empty migration ledger and uses keys of its own run.
 */
@QuarkusMainTest
class MigrateIT {

    private static final int KEYS = 50;
    private static TestRedis redis;
    private String run;

    @BeforeAll
    static void connect() {
        redis = new TestRedis();
    }

    @AfterAll
    static void disconnect() {
        redis.close();
    }

    @BeforeEach
    void forgetAppliedMigrations() {
        RedisState.delete(r(), "corectl:{_platform}:migrations:*");
        // corectl-it:* belongs to this test alone: no key of an earlier test may be handed to this one's run
        RedisState.delete(r(), "corectl-it:*");
        run = "corectl-it:" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static RedisSession r() {
        return redis.session();
    }

    private static LaunchResult migrate(QuarkusMainLauncher launcher, String... extra) {
        String[] args = new String[extra.length + 5];
        args[0] = "migrate";
        args[1] = "--redis-url";
        args[2] = Infra.redisUrl();
        args[3] = "--batch-size";
        args[4] = "10";
        System.arraycopy(extra, 0, args, 5, extra.length);
        return launcher.launch(args);
    }

    private void seedOldKeys() {
        for (int i = 0; i < KEYS; i++) {
            r().send(SET, run + RenameForTestsMigration.OLD + i, "value-" + i);
        }
    }

    private long count(String layout) {
        long found = 0;
        for (int i = 0; i < KEYS; i++) {
            found += r().send(EXISTS, run + layout + i).toLong();
        }
        return found;
    }

    @Test
    void anInterruptedMigrationResumesAndFinishesWithoutRedoingDoneWork(QuarkusMainLauncher launcher) {
        seedOldKeys();
        r().send(SET, RenameForTestsMigration.CRASH_AT, 23);

        LaunchResult crashed = migrate(launcher);

        assertEquals(1, crashed.exitCode(), crashed.getOutput());
        assertTrue(crashed.getErrorOutput().contains("migration zz-test-0001-rename stopped after 22 keys: simulated crash"),
                crashed.getErrorOutput());
        assertEquals(22, count(RenameForTestsMigration.NEW));
        assertEquals(KEYS - 22, count(RenameForTestsMigration.OLD));
        Response done = r().send(HGET, MigrationLedger.progressKey("zz-test-0001-rename"), "done");
        assertNotNull(done, "progress is recorded after every batch");
        // SCAN's COUNT is a hint: the batches finished before the crash hold some of the 22 keys migrated
        assertTrue(done.toLong() > 0 && done.toLong() <= 22, "recorded progress: " + done);
        assertNull(r().send(HGET, MigrationLedger.APPLIED, "zz-test-0001-rename"));
        assertEquals(0, r().send(EXISTS, MigrationLedger.LOCK).toLong(), "a failed run releases its lock");

        LaunchResult resumed = migrate(launcher);

        assertEquals(0, resumed.exitCode(), resumed.getErrorOutput());
        assertTrue(resumed.getOutput().contains("resuming zz-test-0001-rename after " + done.toLong() + " keys"), resumed.getOutput());
        assertEquals(KEYS, count(RenameForTestsMigration.NEW));
        assertEquals(0, count(RenameForTestsMigration.OLD));
        for (int i = 0; i < KEYS; i++) {
            assertEquals("1", r().send(GET, run + RenameForTestsMigration.TIMES + i).toString(), "key " + i);
            assertEquals("value-" + i, r().send(GET, run + RenameForTestsMigration.NEW + i).toString());
        }
        assertNotNull(r().send(HGET, MigrationLedger.APPLIED, "zz-test-0001-rename"));
        assertEquals(0, r().send(EXISTS, MigrationLedger.progressKey("zz-test-0001-rename")).toLong());
    }

    @Test
    void anAppliedMigrationIsNotRunAgain(QuarkusMainLauncher launcher) {
        seedOldKeys();
        assertEquals(0, migrate(launcher).exitCode());
        // a key in the old layout written after the migration was applied is not touched by a second run
        r().send(SET, run + RenameForTestsMigration.OLD + "late", "late");
        long handed = r().send(GET, RenameForTestsMigration.HANDED).toLong();

        LaunchResult again = migrate(launcher);

        assertEquals(0, again.exitCode(), again.getErrorOutput());
        assertTrue(again.getOutput().contains("nothing to migrate"), again.getOutput());
        assertEquals(handed, r().send(GET, RenameForTestsMigration.HANDED).toLong());
        assertEquals(1, r().send(EXISTS, run + RenameForTestsMigration.OLD + "late").toLong());
    }

    @Test
    void dryRunListsPendingWorkAndChangesNothing(QuarkusMainLauncher launcher) {
        seedOldKeys();

        LaunchResult plan = migrate(launcher, "--dry-run");

        assertEquals(0, plan.exitCode(), plan.getErrorOutput());
        Matcher pending = Pattern
                .compile("pending  zz-test-0001-rename \\[tests\\] test keys .*: (\\d+) keys to migrate")
                .matcher(plan.getOutput());
        assertTrue(pending.find(), plan.getOutput());
        assertEquals(KEYS, Long.parseLong(pending.group(1)), plan.getOutput());
        assertEquals(KEYS, count(RenameForTestsMigration.OLD));
        assertNull(r().send(HGET, MigrationLedger.APPLIED, "zz-test-0001-rename"));
    }

    @Test
    void aSecondMigrateWaitsForTheFirst(QuarkusMainLauncher launcher) {
        r().send(SET, MigrationLedger.LOCK, "someone-else", "PX", 60_000);

        LaunchResult result = migrate(launcher);

        assertEquals(1, result.exitCode());
        assertTrue(result.getErrorOutput().contains("another corectl migrate holds"), result.getErrorOutput());
    }

    @Test
    void alertEscalationLevelsMoveToOneHashPerFiringAlert(QuarkusMainLauncher launcher) {
        String t = "alert:{acme-mig-" + UUID.randomUUID().toString().substring(0, 8) + "}:";
        r().send(HSET, t + "alerts", "0a1b2c3d4e5f6071", "{\"fingerprint\":\"0a1b2c3d4e5f6071\",\"state\":\"firing\"}",
                "ffff000011112222", "{\"fingerprint\":\"ffff000011112222\",\"state\":\"acknowledged\"}");
        r().send(HSET, t + "escalation-levels", "oncall:primary:0a1b2c3d4e5f6071:1764633600000", "2",
                "ffff-policy:ffff000011112222:1764633600000", "1");
        r().send(HSET, t + "pending", "cpu-high:0a1b2c3d4e5f6071", "1764633600000");

        LaunchResult result = migrate(launcher);

        assertEquals(0, result.exitCode(), result.getErrorOutput());
        assertEquals(0, r().send(EXISTS, t + "escalation-levels").toLong());
        assertEquals("2", r().send(HGET, t + "escalation:0a1b2c3d4e5f6071", "oncall:primary:1764633600000").toString());
        assertEquals(0, r().send(EXISTS, t + "escalation:ffff000011112222").toLong(),
                "an acknowledged alert keeps no escalation state in the new layout");
        assertEquals(0, r().send(EXISTS, t + "pending").toLong());
        assertEquals("1764633600000", r().send(GET, t + "pending:cpu-high:0a1b2c3d4e5f6071").toString());
        long ttl = r().send(PTTL, t + "pending:cpu-high:0a1b2c3d4e5f6071").toLong();
        assertTrue(ttl > 0 && ttl <= 600_000, "pending keys expire like the new layout's: " + ttl);
    }
}

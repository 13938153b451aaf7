package io.tenancycore.admincli.backup;

import static io.vertx.redis.client.Command.DEL;
import static io.vertx.redis.client.Command.EXISTS;
import static io.vertx.redis.client.Command.PERSIST;
import static io.vertx.redis.client.Command.PEXPIRE;
import static io.vertx.redis.client.Command.RENAME;
import static io.vertx.redis.client.Command.RESTORE;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tenancycore.admincli.shell.CliFailure;
import io.tenancycore.admincli.shell.ConfigDefaults;
import io.tenancycore.admincli.connect.HashSlot;
import io.tenancycore.admincli.connect.RedisSession;
import io.tenancycore.admincli.connect.RedisTarget;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code corectl restore}: puts a backup back, all or nothing. First the whole archive is verified (nothing touched);
 * then every key is RESTOREd under a staging name no service reads (expiring after an hour, in case corectl dies);
 * then one MULTI/EXEC renames all staged keys to their names and sets their TTLs, which Redis applies atomically.
 * A failure while staging deletes what was staged.
 *
 * <p>In a Redis Cluster a transaction and a RENAME may not span hash slots: each staging key carries a hash tag of its
 * target key's slot, and the commit is one MULTI/EXEC per slot. Each slot (all keys of one tenant in one service, or
 * of the platform) is then restored all or nothing; the restore as a whole is, only if no commit fails midway — if one
 * does, the message says how many slots were already committed.
 */
@Command(name = "restore", mixinStandardHelpOptions = true, defaultValueProvider = ConfigDefaults.class,
        description = "Restore a backup archive (verified first; all keys or none).")
public class RestoreCommand implements Callable<Integer> {

    static final String STAGING_PREFIX = "corectl:restore-staging:";
    private static final long STAGING_TTL_MILLIS = 3_600_000;
    private static final int SAMPLE_CONFLICTS = 3;

    @Spec
    CommandSpec spec;

    @Mixin
    RedisTarget redis;

    @Option(names = {"-i", "--input"}, required = true, paramLabel = "FILE.tar.gz", description = "archive to restore")
    Path input;

    @Option(names = "--dry-run", description = "verify the archive and show what would be written; write nothing")
    boolean dryRun;

    @Option(names = "--force", description = "replace keys that already exist (without it, any existing key refuses the restore)")
    boolean force;

    @Option(names = "--batch-size", paramLabel = "N", description = "keys per staging round trip (default ${DEFAULT-VALUE})")
    int batchSize = 500;

    @Inject
    Vertx vertx;

    @Inject
    ObjectMapper json;

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(input)) {
            throw new CliFailure("no archive at " + input);
        }
        Path keysCopy = Files.createTempFile("corectl-restore-", ".jsonl");
        try {
            BackupArchive.Verified archive = BackupArchive.verify(input, keysCopy, json);
            PrintWriter out = spec.commandLine().getOut();
            out.printf("archive %s verified: %d keys %s, taken %s from Redis %s%n", input,
                    archive.manifest().keyCount(), archive.manifest().namespaces(), archive.manifest().createdAt(),
                    archive.manifest().redisVersion());
            out.flush();
            try (RedisSession session = redis.open(vertx)) {
                List<byte[]> existing = existingKeys(session, archive);
                if (!existing.isEmpty() && !force) {
                    throw new CliFailure(existing.size() + " keys of the archive already exist in " + session.url()
                            + " (e.g. " + sample(existing) + "); add --force to replace them; nothing was written");
                }
                if (dryRun) {
                    out.printf("dry run: would write %d keys (%d replacing existing ones) to %s; nothing was written%n",
                            archive.manifest().keyCount(), existing.size(), session.url());
                    out.flush();
                    return 0;
                }
                List<Staged> staged = stage(session, archive);
                commit(session, staged);
                out.printf("restored %d keys (%d replaced) to %s%n", staged.size(), existing.size(), session.url());
                out.flush();
                return 0;
            }
        } finally {
            Files.deleteIfExists(keysCopy);
        }
    }

    private record Staged(byte[] key, byte[] stagingKey, long pttl) {
    }

    private List<byte[]> existingKeys(RedisSession session, BackupArchive.Verified archive) {
        List<byte[]> existing = new ArrayList<>();
        List<byte[]> batch = new ArrayList<>();
        archive.forEach(json, record -> {
            batch.add(record.keyBytes());
            if (batch.size() >= batchSize) {
                existing.addAll(existing(session, batch));
                batch.clear();
            }
        });
        existing.addAll(existing(session, batch));
        return existing;
    }

    private static List<byte[]> existing(RedisSession session, List<byte[]> keys) {
        List<Request> requests = keys.stream().map(key -> RedisSession.request(EXISTS, key)).toList();
        List<Response> replies = session.pipeline(requests);
        List<byte[]> found = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            if (replies.get(i).toLong() > 0) {
                found.add(keys.get(i));
            }
        }
        return found;
    }

    /** RESTOREs every key under a staging name; on any failure deletes what it staged and fails. */
    private List<Staged> stage(RedisSession session, BackupArchive.Verified archive) {
        String run = STAGING_PREFIX + UUID.randomUUID() + ":";
        List<Staged> staged = new ArrayList<>();
        List<Request> batch = new ArrayList<>();
        Progress progress = new Progress(spec.commandLine().getErr(), "restore", archive.manifest().keyCount());
        try {
            archive.forEach(json, record -> {
                byte[] stagingKey = stagingKey(run, staged.size(), record.keyBytes());
                staged.add(new Staged(record.keyBytes(), stagingKey, record.pttl()));
                batch.add(RedisSession.request(RESTORE, stagingKey, STAGING_TTL_MILLIS, record.dumpBytes()));
                if (batch.size() >= batchSize) {
                    send(session, batch);
                    progress.update(staged.size());
                }
            });
            send(session, batch);
        } catch (RuntimeException e) {
            discard(session, staged);
            throw new CliFailure("restore failed while staging (" + e.getMessage() + "); the staged keys were deleted, "
                    + "nothing was written", e);
        }
        progress.done(staged.size() + " keys staged");
        return staged;
    }

    /** {@code corectl:restore-staging:<run>:<n>:{tag}}: the tag puts it in its target's slot, so RENAME stays legal. */
    static byte[] stagingKey(String run, int index, byte[] target) {
        return (run + index + ":" + HashSlot.tagFor(HashSlot.of(target))).getBytes(StandardCharsets.UTF_8);
    }

    private static void send(RedisSession session, List<Request> batch) {
        session.pipeline(List.copyOf(batch));
        batch.clear();
    }

    private void discard(RedisSession session, List<Staged> staged) {
        try {
            for (int from = 0; from < staged.size(); from += batchSize) {
                session.pipeline(staged.subList(from, Math.min(staged.size(), from + batchSize)).stream()
                        .map(s -> RedisSession.request(DEL, s.stagingKey())).toList());
            }
        } catch (RuntimeException e) {
            spec.commandLine().getErr().println("corectl: could not delete every staged key (they expire within an hour): "
                    + e.getMessage());
        }
    }

    /**
     * One MULTI/EXEC (in a cluster, one per slot): every staged key gets its name and its TTL at once, or (connection
     * lost) none does.
     */
    private void commit(RedisSession session, List<Staged> staged) {
        List<Request> requests = new ArrayList<>(staged.size() * 2);
        List<byte[]> slotKeys = new ArrayList<>(staged.size() * 2);
        for (Staged key : staged) {
            requests.add(RedisSession.request(RENAME, key.stagingKey(), key.key()));
            requests.add(key.pttl() > 0
                    ? RedisSession.request(PEXPIRE, key.key(), key.pttl())
                    : RedisSession.request(PERSIST, key.key()));
            slotKeys.add(key.key());
            slotKeys.add(key.key());
        }
        try {
            session.transaction(slotKeys, requests);
        } catch (RuntimeException e) {
            discard(session, staged);
            throw new CliFailure("restore failed at commit (" + e.getMessage() + "); " + (session.cluster()
                    ? "in a Redis Cluster each hash slot commits on its own: slots that committed before the failure "
                            + "are restored, the others are not (run the restore again with --force)"
                    : "nothing was written"), e);
        }
    }

    private static String sample(List<byte[]> keys) {
        return String.join(", ", keys.stream().limit(SAMPLE_CONFLICTS).map(KeyRecord::display).toList());
    }
}

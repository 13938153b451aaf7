package io.tenancycore.admincli.backup;

import static io.vertx.redis.client.Command.DBSIZE;
import static io.vertx.redis.client.Command.DUMP;
import static io.vertx.redis.client.Command.INFO;
import static io.vertx.redis.client.Command.PTTL;
import static io.vertx.redis.client.Command.TYPE;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tenancycore.admincli.shell.CliFailure;
import io.tenancycore.admincli.shell.ConfigDefaults;
import io.tenancycore.admincli.shell.CorectlVersion;
import io.tenancycore.admincli.connect.RedisSession;
import io.tenancycore.admincli.connect.RedisTarget;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import jakarta.inject.Inject;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code corectl backup}: every key of the Redis database (all services' namespaces, any type, with its TTL) as DUMP
 * payloads in a checksummed .tar.gz. Each SCAN batch is read in one MULTI/EXEC (in a Redis Cluster: one per hash
 * slot, on every master in turn), so a key's type, TTL and value are of one instant; the backup as a whole is not a
 * point-in-time snapshot while services write (see the README).
 */
@Command(name = "backup", mixinStandardHelpOptions = true, defaultValueProvider = ConfigDefaults.class,
        description = "Save every Redis key (all types, with TTLs) and a manifest to a .tar.gz.")
public class BackupCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    RedisTarget redis;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE.tar.gz", description = "archive to write")
    Path output;

    @Option(names = "--match", paramLabel = "PATTERN",
            description = "only keys matching this Redis glob (default: every key, ${DEFAULT-VALUE})")
    String match = "*";

    @Option(names = "--batch-size", paramLabel = "N", description = "keys per SCAN batch (default ${DEFAULT-VALUE})")
    int batchSize = 500;

    @Option(names = "--force", description = "overwrite an existing output file")
    boolean force;

    @Inject
    Vertx vertx;

    @Inject
    ObjectMapper json;

    @Override
    public Integer call() throws IOException {
        Path target = output.toAbsolutePath();
        if (Files.exists(target) && !force) {
            throw new CliFailure(target + " exists; choose another --output or add --force");
        }
        if (!Files.isDirectory(target.getParent())) {
            throw new CliFailure("directory " + target.getParent() + " does not exist");
        }
        Path keys = Files.createTempFile(target.getParent(), ".corectl-backup-", ".jsonl");
        try (RedisSession session = redis.open(vertx)) {
            Counts counts = writeKeys(session, keys);
            BackupManifest manifest = new BackupManifest(BackupManifest.FORMAT,
                    Instant.now().truncatedTo(ChronoUnit.MILLIS).toString(), CorectlVersion.current(), session.url(),
                    redisVersion(session), match, counts.total, counts.namespaces, counts.types,
                    Map.of(BackupArchive.KEYS, new BackupManifest.Entry(counts.sha256, Files.size(keys))));
            BackupArchive.write(target, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest), keys);
            spec.commandLine().getOut().printf("backup: %d keys (%s) written to %s%n", counts.total,
                    counts.namespaces, target);
            spec.commandLine().getOut().flush();
            return 0;
        } finally {
            Files.deleteIfExists(keys);
        }
    }

    private static final class Counts {
        final SortedMap<String, Long> namespaces = new TreeMap<>();
        final SortedMap<String, Long> types = new TreeMap<>();
        long total;
        String sha256;
    }

    private Counts writeKeys(RedisSession session, Path keys) throws IOException {
        Counts counts = new Counts();
        List<RedisSession> masters = session.masters();
        try {
            long expected = 0;
            for (RedisSession master : masters) {
                expected += master.send(DBSIZE).toLong();
            }
            Progress progress = new Progress(spec.commandLine().getErr(), "backup", expected);
            // SCAN may return a key twice; the archive holds each once.
            Set<String> written = new HashSet<>();
            DigestOutputStream digest = new DigestOutputStream(Files.newOutputStream(keys), BackupArchive.sha256());
            try (BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(digest, StandardCharsets.UTF_8))) {
                // A SCAN cursor belongs to the node that gave it: each master is scanned to its end.
                for (RedisSession master : masters) {
                    String cursor = "0";
                    do {
                        RedisSession.ScanPage page = master.scan(cursor, match, batchSize);
                        cursor = page.cursor();
                        for (KeyRecord record : read(master, page.keys())) {
                            if (!written.add(record.key())) {
                                continue;
                            }
                            writer.write(json.writeValueAsString(record));
                            writer.write('\n');
                            byte[] key = Base64.getDecoder().decode(record.key());
                            counts.namespaces.merge(KeyRecord.namespace(key), 1L, Long::sum);
                            counts.types.merge(record.type(), 1L, Long::sum);
                            counts.total++;
                        }
                        progress.update(counts.total);
                    } while (!"0".equals(cursor));
                }
            }
            counts.sha256 = BackupArchive.hex(digest.getMessageDigest().digest());
            progress.done(counts.total + " keys");
            return counts;
        } finally {
            masters.stream().filter(master -> master != session).forEach(RedisSession::close);
        }
    }

    /** TYPE, PTTL and DUMP of a batch in one transaction; keys deleted since SCAN saw them are left out. */
    private static List<KeyRecord> read(RedisSession session, List<byte[]> keys) {
        List<Request> requests = new ArrayList<>(keys.size() * 3);
        List<byte[]> slotKeys = new ArrayList<>(keys.size() * 3);
        for (byte[] key : keys) {
            requests.add(RedisSession.request(TYPE, key));
            requests.add(RedisSession.request(PTTL, key));
            requests.add(RedisSession.request(DUMP, key));
            slotKeys.addAll(List.of(key, key, key));
        }
        List<Response> replies = session.transaction(slotKeys, requests);
        List<KeyRecord> records = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            String type = replies.get(3 * i).toString();
            long pttl = replies.get(3 * i + 1).toLong();
            Response dump = replies.get(3 * i + 2);
            if (dump == null || "none".equals(type) || pttl == -2) {
                continue;
            }
            if (!BackupArchive.TYPES.contains(type)) {
                throw new CliFailure("key " + KeyRecord.display(keys.get(i)) + " has type " + type
                        + ", which this backup format does not cover");
            }
            // under a millisecond left still means "expires", never "no TTL"
            records.add(KeyRecord.of(keys.get(i), type, pttl == 0 ? 1 : pttl, dump.toBytes()));
        }
        return records;
    }

    private static String redisVersion(RedisSession session) {
        Response info = session.send(INFO, "server");
        return info == null ? "unknown" : info.toString().lines().filter(line -> line.startsWith("redis_version:"))
                .map(line -> line.substring("redis_version:".length()).trim()).findFirst().orElse("unknown");
    }
}

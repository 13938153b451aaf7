package io.tenancycore.admincli.backup;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tenancycore.admincli.shell.CliFailure;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * The backup file: a .tar.gz holding exactly {@value #MANIFEST}, {@value #MANIFEST_CHECKSUM} and {@value #KEYS}.
 * {@link #verify} reads all of it (gzip CRC, every checksum, every line, every count) before restore writes anything.
 */
public final class BackupArchive {

    public static final String MANIFEST = "manifest.json";
    public static final String MANIFEST_CHECKSUM = "manifest.json.sha256";
    public static final String KEYS = "keys.jsonl";
    static final Set<String> TYPES = Set.of("string", "hash", "list", "set", "zset", "stream");
    private static final int MAX_MANIFEST_BYTES = 1 << 20;

    private BackupArchive() {
    }

    /** A keys.jsonl that passed every check, copied out of the archive, and its manifest. */
    public record Verified(BackupManifest manifest, Path keys) {

        /** Every key record, in archive order. */
        public void forEach(ObjectMapper json, Consumer<KeyRecord> action) {
            try (BufferedReader reader = Files.newBufferedReader(keys, StandardCharsets.UTF_8)) {
                String line;
                while ((line = reader.readLine()) != null) {
                    action.accept(json.readValue(line, KeyRecord.class));
                }
            } catch (IOException e) {
                throw new CliFailure("cannot read the verified key list " + keys + ": " + e.getMessage(), e);
            }
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    /** Writes the archive next to {@code target} and moves it into place, so a failed backup leaves no partial file. */
    static void write(Path target, byte[] manifest, Path keys) throws IOException {
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        try (OutputStream file = Files.newOutputStream(partial);
                GzipCompressorOutputStream gzip = new GzipCompressorOutputStream(file);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            addEntry(tar, MANIFEST, manifest);
            addEntry(tar, MANIFEST_CHECKSUM, (hex(sha256().digest(manifest)) + "  " + MANIFEST + "\n")
                    .getBytes(StandardCharsets.US_ASCII));
            TarArchiveEntry entry = new TarArchiveEntry(KEYS);
            entry.setSize(Files.size(keys));
            tar.putArchiveEntry(entry);
            Files.copy(keys, tar);
            tar.closeArchiveEntry();
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void addEntry(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    /**
     * Reads the whole archive and checks it; {@code keysCopy} receives keys.jsonl. Any problem is a {@link CliFailure}
     * naming the archive and what is wrong with it.
     */
    public static Verified verify(Path archive, Path keysCopy, ObjectMapper json) {
        String name = archive.toString();
        byte[] manifestBytes = null;
        byte[] checksumBytes = null;
        String keysSha = null;
        long keysSize = -1;
        try (InputStream file = Files.newInputStream(archive);
                GzipCompressorInputStream gzip = new GzipCompressorInputStream(file);
                TarArchiveInputStream tar = new TarArchiveInputStream(gzip)) {
            Set<String> seen = new HashSet<>();
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (!seen.add(entry.getName())) {
                    throw corrupt(name, "entry " + entry.getName() + " appears twice");
                }
                switch (entry.getName()) {
                    case MANIFEST -> manifestBytes = readSmall(tar, name);
                    case MANIFEST_CHECKSUM -> checksumBytes = readSmall(tar, name);
                    case KEYS -> {
                        DigestInputStream digest = new DigestInputStream(tar, sha256());
                        keysSize = Files.copy(digest, keysCopy, StandardCopyOption.REPLACE_EXISTING);
                        keysSha = hex(digest.getMessageDigest().digest());
                    }
                    default -> throw corrupt(name, "unexpected entry " + entry.getName());
                }
            }
            // The gzip trailer (CRC-32 and length of everything) is checked only when the stream is read to its end.
            gzip.transferTo(OutputStream.nullOutputStream());
        } catch (CliFailure e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw corrupt(name, "unreadable (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
        for (Object[] required : new Object[][] {{MANIFEST, manifestBytes}, {MANIFEST_CHECKSUM, checksumBytes},
            {KEYS, keysSha}}) {
            if (required[1] == null) {
                throw corrupt(name, "entry " + required[0] + " is missing");
            }
        }
        String declared = new String(checksumBytes, StandardCharsets.US_ASCII).trim().split("\\s+")[0];
        if (!declared.equals(hex(sha256().digest(manifestBytes)))) {
            throw corrupt(name, MANIFEST + " does not match " + MANIFEST_CHECKSUM);
        }
        BackupManifest manifest;
        try {
            manifest = json.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(manifestBytes, BackupManifest.class);
        } catch (IOException e) {
            throw corrupt(name, MANIFEST + " is not a valid manifest");
        }
        if (!BackupManifest.FORMAT.equals(manifest.format())) {
            throw corrupt(name, "format " + manifest.format() + " is not " + BackupManifest.FORMAT);
        }
        BackupManifest.Entry keysEntry = manifest.entries() == null ? null : manifest.entries().get(KEYS);
        if (keysEntry == null || !keysSha.equals(keysEntry.sha256()) || keysSize != keysEntry.bytes()) {
            throw corrupt(name, KEYS + " does not match its SHA-256 in " + MANIFEST);
        }
        checkRecords(name, manifest, keysCopy, json);
        return new Verified(manifest, keysCopy);
    }

    // Every line must parse and the counts must add up to the manifest's: a record dropped or invented is caught
    // even if someone recomputed the checksums.
    private static void checkRecords(String name, BackupManifest manifest, Path keys, ObjectMapper json) {
        SortedMap<String, Long> namespaces = new TreeMap<>();
        SortedMap<String, Long> types = new TreeMap<>();
        Set<String> distinct = new HashSet<>();
        long count = 0;
        try (BufferedReader reader = Files.newBufferedReader(keys, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                count++;
                KeyRecord record;
                byte[] key;
                try {
                    record = json.readValue(line, KeyRecord.class);
                    key = record.keyBytes();
                    record.dumpBytes();
                } catch (IOException | IllegalArgumentException | NullPointerException e) {
                    throw corrupt(name, KEYS + " line " + count + " is not a key record");
                }
                if (!TYPES.contains(record.type()) || record.pttl() < -1 || record.pttl() == 0) {
                    throw corrupt(name, KEYS + " line " + count + " has a bad type or TTL");
                }
                if (!distinct.add(record.key())) {
                    throw corrupt(name, KEYS + " line " + count + " repeats a key");
                }
                namespaces.merge(KeyRecord.namespace(key), 1L, Long::sum);
                types.merge(record.type(), 1L, Long::sum);
            }
        } catch (IOException e) {
            throw corrupt(name, KEYS + " is not UTF-8 text");
        }
        if (count != manifest.keyCount() || !namespaces.equals(orEmpty(manifest.namespaces()))
                || !types.equals(orEmpty(manifest.types()))) {
            throw corrupt(name, "holds " + count + " keys but the manifest counts " + manifest.keyCount()
                    + " (or other per-namespace/type counts)");
        }
    }

    private static Map<String, Long> orEmpty(Map<String, Long> counts) {
        return counts == null ? new HashMap<>() : counts;
    }

    private static byte[] readSmall(InputStream in, String name) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int read;
        while ((read = in.read(buffer)) != -1) {
            out.write(buffer, 0, read);
            if (out.size() > MAX_MANIFEST_BYTES) {
                throw corrupt(name, "manifest larger than " + MAX_MANIFEST_BYTES + " bytes");
            }
        }
        return out.toByteArray();
    }

    private static CliFailure corrupt(String archive, String why) {
        return new CliFailure("refusing corrupt archive " + archive + ": " + why + "; nothing was written");
    }
}

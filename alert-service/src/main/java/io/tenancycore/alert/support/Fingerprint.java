package io.tenancycore.alert.support;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Alertmanager's fingerprint of a label set ({@code model.LabelSet.Fingerprint}): FNV-1a 64 over the labels sorted by
 * name, each name and value followed by the separator byte 0xff, printed as 16 hex digits. Identical label sets give
 * identical fingerprints in both systems, which is what deduplication and the {@code /alerts/{fingerprint}} paths rest on.
 */
public final class Fingerprint {

    private static final long OFFSET = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;
    private static final byte SEPARATOR = (byte) 0xff;

    private Fingerprint() {
    }

    public static String of(Map<String, String> labels) {
        long hash = OFFSET;
        for (Map.Entry<String, String> label : new TreeMap<>(labels).entrySet()) {
            hash = add(hash, label.getKey().getBytes(StandardCharsets.UTF_8));
            hash = addByte(hash, SEPARATOR);
            hash = add(hash, label.getValue().getBytes(StandardCharsets.UTF_8));
            hash = addByte(hash, SEPARATOR);
        }
        return String.format("%016x", hash);
    }

    private static long add(long hash, byte[] bytes) {
        for (byte b : bytes) {
            hash = addByte(hash, b);
        }
        return hash;
    }

    private static long addByte(long hash, byte b) {
        hash ^= (b & 0xff);
        return hash * PRIME;
    }

    /** Fingerprints are what {@link #of} prints: 16 lowercase hex digits. */
    public static boolean isValid(String fingerprint) {
        return fingerprint != null && fingerprint.matches("^[0-9a-f]{16}$");
    }
}

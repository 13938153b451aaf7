package io.tenancycore.commons.digest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Lower-case hex digests of UTF-8 text. SHA-1 is what Redis names scripts by ({@code EVALSHA}) and computes in Lua
 * ({@code redis.sha1hex}), so a guard computed here can be compared inside a script; it is never used for security.
 * SHA-256 serves versions (ETags) and fingerprints of values that must not be logged.
 */
public final class Digests {

    private static final HexFormat HEX = HexFormat.of();
    /** One instance per thread and algorithm: a lookup by name per call showed in the alert-ingest profile. */
    private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(() -> instance("SHA-1"));
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> instance("SHA-256"));

    private Digests() {
    }

    /** SHA-1 of the text, 40 hex digits, as Redis' {@code SCRIPT LOAD} and {@code redis.sha1hex} give it. */
    public static String sha1Hex(String text) {
        // digest() resets the instance, so the next use on this thread starts clean
        return HEX.formatHex(SHA1.get().digest(utf8(text)));
    }

    /** SHA-256 of the text, 64 hex digits. */
    public static String sha256Hex(String text) {
        return HEX.formatHex(SHA256.get().digest(utf8(text)));
    }

    /** The first {@code bytes} bytes (1-32) of the text's SHA-256, as {@code 2 * bytes} hex digits. */
    public static String sha256Hex(String text, int bytes) {
        if (bytes < 1 || bytes > 32) {
            throw new IllegalArgumentException("a SHA-256 prefix is 1 to 32 bytes, not " + bytes);
        }
        return HEX.formatHex(SHA256.get().digest(utf8(text)), 0, bytes);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static MessageDigest instance(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is missing from this JVM", e);
        }
    }
}

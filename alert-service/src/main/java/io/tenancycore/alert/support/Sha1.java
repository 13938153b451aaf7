package io.tenancycore.alert.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-1 in lower-case hex, as Redis' {@code redis.sha1hex} and script ids are (not a security use). */
public final class Sha1 {

    private static final HexFormat HEX = HexFormat.of();
    /** A digest per thread: looking one up by name for each of a batch's alerts showed in the ingest profile. */
    private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private Sha1() {
    }

    public static String hex(String text) {
        // digest() resets the instance, so the next use starts clean
        return HEX.formatHex(DIGEST.get().digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}

package io.tenancycore.security.crypto;

import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The wire form of transit ciphertext: {@code tc:v<version>:<base64(nonce || ciphertext || tag)>}. */
public final class Ciphertexts {

    public static final String PREFIX = "tc:v";
    private static final Pattern FORMAT = Pattern.compile("^tc:v([1-9][0-9]{0,8}):([A-Za-z0-9+/]+={0,2})$");

    private Ciphertexts() {
    }

    public record Parsed(int version, byte[] message) {
    }

    public static String format(int version, byte[] message) {
        return PREFIX + version + ":" + Base64.getEncoder().encodeToString(message);
    }

    /**
     * The version a ciphertext names, read from its prefix alone (no pattern match, no base64 decoding); 0 when the
     * text does not start like a transit ciphertext. {@link #parse} still validates the whole text before use.
     */
    public static int versionOrZero(String ciphertext) {
        if (ciphertext == null || !ciphertext.startsWith(PREFIX)) {
            return 0;
        }
        int version = 0;
        for (int i = PREFIX.length(); i < ciphertext.length() && i < PREFIX.length() + 9; i++) {
            char c = ciphertext.charAt(i);
            if (c == ':') {
                return version;
            }
            if (c < '0' || c > '9') {
                return 0;
            }
            version = version * 10 + (c - '0');
        }
        return 0;
    }

    /** @throws IllegalArgumentException when the text is not a transit ciphertext */
    public static Parsed parse(String ciphertext) {
        if (ciphertext == null) {
            throw new IllegalArgumentException("ciphertext is missing");
        }
        Matcher matcher = FORMAT.matcher(ciphertext.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("ciphertext is not of the form tc:v<version>:<base64>");
        }
        try {
            return new Parsed(Integer.parseInt(matcher.group(1)), Base64.getDecoder().decode(matcher.group(2)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ciphertext is not valid base64");
        }
    }
}

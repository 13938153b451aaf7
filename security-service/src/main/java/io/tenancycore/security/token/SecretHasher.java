package io.tenancycore.security.token;

import io.quarkus.runtime.BlockingOperationControl;
import io.quarkus.runtime.BlockingOperationNotAllowedException;
import io.tenancycore.security.crypto.AesGcm;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Client secrets are kept only as a slow salted hash: PBKDF2-HMAC-SHA256, stored as
 * {@code pbkdf2-sha256$<iterations>$<salt>$<hash>} so the work factor can grow without breaking old hashes.
 */
public final class SecretHasher {

    private static final String SCHEME = "pbkdf2-sha256";
    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;

    private final int iterations;
    private final AtomicLong derivations = new AtomicLong();

    public SecretHasher(int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be positive");
        }
        this.iterations = iterations;
    }

    public String hash(String secret) {
        byte[] salt = AesGcm.randomBytes(SALT_BYTES);
        return SCHEME + "$" + iterations + "$" + b64(salt) + "$" + b64(derive(secret, salt, iterations));
    }

    public boolean matches(String secret, String stored) {
        if (secret == null || stored == null) {
            return false;
        }
        String[] parts = stored.split("\\$");
        if (parts.length != 4 || !SCHEME.equals(parts[0])) {
            return false;
        }
        byte[] salt = Base64.getDecoder().decode(parts[2]);
        byte[] expected = Base64.getDecoder().decode(parts[3]);
        return MessageDigest.isEqual(expected, derive(secret, salt, Integer.parseInt(parts[1])));
    }

    /**
     * A well-formed hash with the current work factor that no secret matches (random salt and digest, nothing
     * derived). Checking a secret against it costs what checking a real client's costs, so an unknown client id is
     * neither cheaper to try nor distinguishable by timing.
     */
    public String unmatchableHash() {
        return SCHEME + "$" + iterations + "$" + b64(AesGcm.randomBytes(SALT_BYTES)) + "$"
                + b64(AesGcm.randomBytes(HASH_BITS / 8));
    }

    /** How many PBKDF2 derivations ran (hashing and checking); for tests and diagnostics. */
    public long derivations() {
        return derivations.get();
    }

    /** Strength of a secret in bits, estimated from its length and alphabet. */
    public static int estimatedBits(String secret) {
        boolean lower = false;
        boolean upper = false;
        boolean digit = false;
        boolean other = false;
        for (char c : secret.toCharArray()) {
            if (Character.isLowerCase(c)) {
                lower = true;
            } else if (Character.isUpperCase(c)) {
                upper = true;
            } else if (Character.isDigit(c)) {
                digit = true;
            } else {
                other = true;
            }
        }
        int alphabet = (lower ? 26 : 0) + (upper ? 26 : 0) + (digit ? 10 : 0) + (other ? 33 : 0);
        return alphabet == 0 ? 0 : (int) Math.floor(secret.length() * (Math.log(alphabet) / Math.log(2)));
    }

    private byte[] derive(String secret, byte[] salt, int rounds) {
        // slow on purpose: callers run it on a worker (it would stall every request sharing the event loop)
        if (!BlockingOperationControl.isBlockingAllowed()) {
            throw new BlockingOperationNotAllowedException("PBKDF2 must not run on an event loop thread");
        }
        derivations.incrementAndGet();
        PBEKeySpec spec = new PBEKeySpec(secret.toCharArray(), salt, rounds, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2 unavailable", e);
        } finally {
            spec.clearPassword();
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().withoutPadding().encodeToString(bytes);
    }
}

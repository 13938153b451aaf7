package io.tenancycore.security.crypto;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The master keys (KEK) that wrap every piece of key material this service stores. One is current (new wraps use
 * it); earlier ones stay known so material wrapped before a KEK rotation can still be read until it is re-wrapped.
 * Wrapped form: {@code kek:<kek id>:<base64(nonce || ciphertext || tag)>}; the associated data binds the material
 * to where it is stored, so a wrapped blob moved to another key's slot does not unwrap.
 */
public final class MasterKeyRing {

    private static final String PREFIX = "kek:";
    private static final String DOMAIN = "tenancy-core/kek/v1";
    private static final int ID_BYTES = 8;
    private static final String DERIVATION = "HmacSHA256";

    private final String currentId;
    private final Map<String, SecretKey> keys;

    private MasterKeyRing(String currentId, Map<String, SecretKey> keys) {
        this.currentId = currentId;
        this.keys = keys;
    }

    /**
     * @param current base64 of 32 bytes (config {@code tenancy.security.kek.current}, env {@code ENCRYPTION_KEY})
     * @param previous earlier master keys still needed to read material not yet re-wrapped
     */
    public static MasterKeyRing fromBase64(String current, List<String> previous) {
        if (current == null || current.isBlank()) {
            throw new IllegalStateException("no master key: set ENCRYPTION_KEY to base64 of 32 random bytes");
        }
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        SecretKey currentKey = decode(current, "ENCRYPTION_KEY");
        String currentId = idOf(currentKey);
        keys.put(currentId, currentKey);
        for (String old : previous == null ? List.<String>of() : previous) {
            if (old != null && !old.isBlank()) {
                SecretKey key = decode(old, "a previous master key");
                keys.putIfAbsent(idOf(key), key);
            }
        }
        return new MasterKeyRing(currentId, Map.copyOf(keys));
    }

    public String currentId() {
        return currentId;
    }

    public List<String> knownIds() {
        List<String> ids = new ArrayList<>(keys.keySet());
        ids.sort(null);
        return ids;
    }

    /**
     * A key for another purpose (e.g. the audit chain's MAC key), derived from one known master key as
     * HMAC-SHA256(master key, purpose): the master key itself never leaves the ring, and keys for different purposes
     * are independent. Deterministic, so every replica derives the same key from the same {@code ENCRYPTION_KEY}.
     *
     * @return empty when the ring does not know {@code kekId} (e.g. a previous master key that was dropped)
     */
    public Optional<byte[]> derive(String kekId, String purpose) {
        SecretKey master = keys.get(kekId);
        if (master == null) {
            return Optional.empty();
        }
        try {
            Mac mac = Mac.getInstance(DERIVATION);
            mac.init(new SecretKeySpec(master.getEncoded(), DERIVATION));
            return Optional.of(mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("cannot derive a key", e);
        }
    }

    public String wrap(byte[] material, String location) {
        byte[] sealed = AesGcm.encrypt(keys.get(currentId), material, AssociatedData.of(DOMAIN, location));
        return PREFIX + currentId + ":" + Base64.getEncoder().encodeToString(sealed);
    }

    /** @throws IllegalStateException when the blob was wrapped by a master key this ring does not know */
    public byte[] unwrap(String wrapped, String location) {
        String id = kekIdOf(wrapped);
        SecretKey key = keys.get(id);
        if (key == null) {
            throw new IllegalStateException("material wrapped by unknown master key " + id);
        }
        byte[] sealed = Base64.getDecoder().decode(wrapped.substring(PREFIX.length() + id.length() + 1));
        return AesGcm.decrypt(key, sealed, AssociatedData.of(DOMAIN, location));
    }

    public boolean isCurrent(String wrapped) {
        return currentId.equals(kekIdOf(wrapped));
    }

    /** Re-wraps under the current master key; unchanged when it already is. */
    public String rewrap(String wrapped, String location) {
        if (isCurrent(wrapped)) {
            return wrapped;
        }
        byte[] material = unwrap(wrapped, location);
        try {
            return wrap(material, location);
        } finally {
            java.util.Arrays.fill(material, (byte) 0);
        }
    }

    public static String kekIdOf(String wrapped) {
        if (wrapped == null || !wrapped.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not wrapped key material");
        }
        int end = wrapped.indexOf(':', PREFIX.length());
        if (end < 0) {
            throw new IllegalArgumentException("not wrapped key material");
        }
        return wrapped.substring(PREFIX.length(), end);
    }

    private static SecretKey decode(String base64, String what) {
        byte[] material;
        try {
            material = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(what + " is not valid base64");
        }
        if (material.length != AesGcm.KEY_BYTES) {
            throw new IllegalStateException(what + " must be " + AesGcm.KEY_BYTES + " bytes, base64-encoded");
        }
        return AesGcm.key(material);
    }

    /** A public fingerprint: reveals nothing about the key, tells operators which KEK wrapped what. */
    private static String idOf(SecretKey key) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(DOMAIN.getBytes(StandardCharsets.UTF_8));
            byte[] hash = digest.digest(key.getEncoded());
            return HexFormat.of().formatHex(hash, 0, ID_BYTES);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.tenancycore.security.crypto;

import io.tenancycore.security.crypto.MasterKeyRing;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKey;

/**
 * The cryptography of transit keys, without storage: encrypt with a version, decrypt within the key's policy,
 * rewrap to the latest version, data keys. Every ciphertext is bound to tenant, key name and optional context.
 */
public class TransitEngine {

    public static final int DEFAULT_DATAKEY_BITS = 256;

    private final MasterKeyRing masterKeys;

    public TransitEngine(MasterKeyRing masterKeys) {
        this.masterKeys = masterKeys;
    }

    /** New version material, wrapped for its slot. */
    public String newWrappedMaterial(String tenantId, String name, int version) {
        byte[] material = AesGcm.newKey();
        try {
            return masterKeys.wrap(material, TransitKey.materialLocation(tenantId, name, version));
        } finally {
            Arrays.fill(material, (byte) 0);
        }
    }

    /**
     * @param requestedVersion 0 for the latest version
     */
    public String encrypt(TransitKey key, byte[] plaintext, byte[] context, int requestedVersion) {
        return encrypt(new UnwrappedKey(key), plaintext, context, requestedVersion);
    }

    public byte[] decrypt(TransitKey key, String ciphertext, byte[] context) {
        return decrypt(new UnwrappedKey(key), ciphertext, context);
    }

    public String rewrap(TransitKey key, String ciphertext, byte[] context) {
        return rewrap(new UnwrappedKey(key), ciphertext, context);
    }

    public DataKey dataKey(TransitKey key, int bits, byte[] context) {
        return dataKey(new UnwrappedKey(key), bits, context);
    }

    /**
     * Encrypts with a fresh nonce under the version's key (unwrapped once per cached key, see {@link UnwrappedKey}).
     *
     * @param requestedVersion 0 for the latest version
     */
    public String encrypt(UnwrappedKey unwrapped, byte[] plaintext, byte[] context, int requestedVersion) {
        TransitKey key = unwrapped.key();
        int version = requestedVersion == 0 ? key.latestVersion() : requestedVersion;
        if (version < key.effectiveMinEncryptionVersion() || version > key.latestVersion()) {
            throw TransitException.invalid("key_version " + version + " is outside the allowed range "
                    + key.effectiveMinEncryptionVersion() + ".." + key.latestVersion());
        }
        SecretKey secret = versionKey(unwrapped, version);
        byte[] message = AesGcm.encrypt(secret, plaintext, AssociatedData.transit(key.tenantId(), key.name(), context));
        return Ciphertexts.format(version, message);
    }

    public byte[] decrypt(UnwrappedKey unwrapped, String ciphertext, byte[] context) {
        TransitKey key = unwrapped.key();
        Ciphertexts.Parsed parsed;
        try {
            parsed = Ciphertexts.parse(ciphertext);
        } catch (IllegalArgumentException e) {
            throw TransitException.invalid(e.getMessage());
        }
        if (parsed.version() > key.latestVersion()) {
            throw TransitException.refused("ciphertext version " + parsed.version() + " does not exist");
        }
        if (parsed.version() < key.minDecryptionVersion()) {
            throw TransitException.refused("ciphertext version " + parsed.version()
                    + " is below min_decryption_version " + key.minDecryptionVersion());
        }
        try {
            return AesGcm.decrypt(versionKey(unwrapped, parsed.version()), parsed.message(),
                    AssociatedData.transit(key.tenantId(), key.name(), context));
        } catch (DecryptionFailedException e) {
            throw TransitException.refused("decryption failed: the ciphertext does not belong to this key and context");
        }
    }

    /** Decrypts (within policy) and encrypts again with the latest version; the plaintext never leaves. */
    public String rewrap(UnwrappedKey key, String ciphertext, byte[] context) {
        byte[] plaintext = decrypt(key, ciphertext, context);
        try {
            return encrypt(key, plaintext, context, 0);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    public record DataKey(String ciphertext, String plaintextBase64) {
    }

    public DataKey dataKey(UnwrappedKey key, int bits, byte[] context) {
        if (bits != 128 && bits != 256 && bits != 512) {
            throw TransitException.invalid("bits must be 128, 256 or 512");
        }
        byte[] material = AesGcm.randomBytes(bits / 8);
        try {
            return new DataKey(encrypt(key, material, context, 0), Base64.getEncoder().encodeToString(material));
        } finally {
            Arrays.fill(material, (byte) 0);
        }
    }

    private SecretKey versionKey(UnwrappedKey unwrapped, int version) {
        TransitKey key = unwrapped.key();
        String wrapped = key.wrappedVersions().get(version);
        if (wrapped == null) {
            throw TransitException.refused("key version " + version + " is not available");
        }
        return unwrapped.version(version, v -> unwrap(key, v, wrapped));
    }

    private SecretKey unwrap(TransitKey key, int version, String wrapped) {
        byte[] material;
        try {
            material = masterKeys.unwrap(wrapped, TransitKey.materialLocation(key.tenantId(), key.name(), version));
        } catch (IllegalStateException | DecryptionFailedException | IllegalArgumentException e) {
            // not a passing failure: the material cannot be read with the master keys this service has
            throw TransitException.lost("key '" + key.name() + "' version " + version + " cannot be read: its "
                    + "material was wrapped by a master key this service no longer has, or was damaged");
        }
        try {
            return AesGcm.key(material);
        } finally {
            java.util.Arrays.fill(material, (byte) 0);
        }
    }
}

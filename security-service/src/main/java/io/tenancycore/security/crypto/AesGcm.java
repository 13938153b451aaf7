package io.tenancycore.security.crypto;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM with a fresh random 96-bit nonce per message. Output layout: {@code nonce(12) || ciphertext || tag(16)}.
 * Used both for tenant data (transit keys) and for wrapping key material under the master key.
 */
public final class AesGcm {

    public static final int KEY_BYTES = 32;
    public static final int NONCE_BYTES = 12;
    public static final int TAG_BITS = 128;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final SecureRandom RANDOM = new SecureRandom();

    private AesGcm() {
    }

    public static byte[] newKey() {
        return randomBytes(KEY_BYTES);
    }

    public static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    public static SecretKey key(byte[] material) {
        if (material == null || material.length != KEY_BYTES) {
            throw new IllegalArgumentException("an AES-256 key has " + KEY_BYTES + " bytes");
        }
        return new SecretKeySpec(material, "AES");
    }

    public static byte[] encrypt(SecretKey key, byte[] plaintext, byte[] associatedData) {
        byte[] nonce = randomBytes(NONCE_BYTES);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData);
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption unavailable", e);
        }
    }

    /** @throws DecryptionFailedException when the message was altered, or the key or associated data differ */
    public static byte[] decrypt(SecretKey key, byte[] message, byte[] associatedData) {
        if (message == null || message.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new DecryptionFailedException("ciphertext too short");
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, message, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(message, NONCE_BYTES, message.length - NONCE_BYTES);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new DecryptionFailedException("message authentication failed");
        } catch (GeneralSecurityException e) {
            throw new DecryptionFailedException("message cannot be decrypted");
        }
    }
}

package io.tenancycore.security.crypto;

/** A ciphertext did not authenticate. The message never says why in detail: that would help an attacker. */
public class DecryptionFailedException extends RuntimeException {

    public DecryptionFailedException(String message) {
        super(message, null, false, false);
    }
}

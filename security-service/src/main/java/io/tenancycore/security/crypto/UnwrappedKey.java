package io.tenancycore.security.crypto;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import javax.crypto.SecretKey;

/**
 * A transit key with the material of its versions unwrapped on first use and kept: what {@link TransitKeyCache} holds
 * so that encrypt and decrypt do not unwrap (AES-GCM under the master key) on every call. Lives only in memory.
 */
public final class UnwrappedKey {

    private final TransitKey key;
    private final Map<Integer, SecretKey> versions = new ConcurrentHashMap<>();

    public UnwrappedKey(TransitKey key) {
        this.key = key;
    }

    public TransitKey key() {
        return key;
    }

    /** The version's key, unwrapped by {@code unwrap} the first time it is asked for. */
    SecretKey version(int version, IntFunction<SecretKey> unwrap) {
        SecretKey known = versions.get(version);
        if (known != null) {
            return known;
        }
        SecretKey unwrapped = unwrap.apply(version);
        versions.putIfAbsent(version, unwrapped);
        return unwrapped;
    }
}

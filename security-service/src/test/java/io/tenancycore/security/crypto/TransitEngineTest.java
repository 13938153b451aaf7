package io.tenancycore.security.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenancycore.security.crypto.MasterKeyRing;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TransitEngineTest {

    private static final String KEK = Base64.getEncoder().encodeToString(AesGcm.newKey());
    private final MasterKeyRing ring = MasterKeyRing.fromBase64(KEK, List.of());
    private final TransitEngine engine = new TransitEngine(ring);
    private final byte[] secret = "attack at dawn".getBytes(StandardCharsets.UTF_8);

    private TransitKey key(String tenant, String name, int versions, int minDecrypt) {
        TreeMap<Integer, Instant> times = new TreeMap<>();
        Map<Integer, String> material = new HashMap<>();
        for (int v = 1; v <= versions; v++) {
            times.put(v, Instant.now());
            material.put(v, engine.newWrappedMaterial(tenant, name, v));
        }
        return new TransitKey(tenant, name, Instant.now(), versions, minDecrypt, 0, Duration.ZERO, false, false,
                Instant.now(), times, material);
    }

    @Test
    void roundTripCarriesVersionAndUsesFreshNonces() {
        TransitKey key = key("acme", "orders", 1, 1);
        String first = engine.encrypt(key, secret, null, 0);
        String second = engine.encrypt(key, secret, null, 0);
        assertTrue(first.startsWith("tc:v1:"));
        assertNotEquals(first, second);
        assertArrayEquals(secret, engine.decrypt(key, first, null));
    }

    @Test
    void oldVersionsDecryptUntilMinDecryptionVersionThenRewrapLiftsThem() {
        TransitKey v1Only = key("acme", "orders", 1, 1);
        String old = engine.encrypt(v1Only, secret, null, 0);
        TransitKey rotated = withVersions(v1Only, 2, 1);
        assertArrayEquals(secret, engine.decrypt(rotated, old, null));
        assertTrue(engine.encrypt(rotated, secret, null, 0).startsWith("tc:v2:"));

        String rewrapped = engine.rewrap(rotated, old, null);
        assertTrue(rewrapped.startsWith("tc:v2:"));

        TransitKey restricted = withVersions(rotated, 2, 2);
        TransitException refused = assertThrows(TransitException.class, () -> engine.decrypt(restricted, old, null));
        assertEquals(422, refused.status());
        assertArrayEquals(secret, engine.decrypt(restricted, rewrapped, null));
    }

    @Test
    void ciphertextIsBoundToTenantKeyNameAndContext() {
        TransitKey a = key("tenant-a", "shared", 1, 1);
        TransitKey b = key("tenant-b", "shared", 1, 1);
        String ciphertext = engine.encrypt(a, secret, "ctx".getBytes(StandardCharsets.UTF_8), 0);
        assertThrows(TransitException.class, () -> engine.decrypt(b, ciphertext, "ctx".getBytes()));
        assertThrows(TransitException.class, () -> engine.decrypt(a, ciphertext, "other".getBytes()));
        assertThrows(TransitException.class, () -> engine.decrypt(a, ciphertext, null));
        // the same material moved to tenant B still fails: tenant and name are associated data
        TransitKey stolen = new TransitKey("tenant-b", "shared", a.createdAt(), 1, 1, 0, Duration.ZERO, false, false,
                a.lastRotated(), a.versionTimes(), a.wrappedVersions());
        assertThrows(RuntimeException.class, () -> engine.decrypt(stolen, ciphertext, "ctx".getBytes()));
    }

    @Test
    void tamperedOrMalformedCiphertextIsRefused() {
        TransitKey key = key("acme", "orders", 1, 1);
        String ciphertext = engine.encrypt(key, secret, null, 0);
        byte[] raw = Base64.getDecoder().decode(ciphertext.substring("tc:v1:".length()));
        raw[raw.length - 1] ^= 1;
        String tampered = "tc:v1:" + Base64.getEncoder().encodeToString(raw);
        assertEquals(422, assertThrows(TransitException.class, () -> engine.decrypt(key, tampered, null)).status());
        assertEquals(400, assertThrows(TransitException.class, () -> engine.decrypt(key, "vault:v1:abc", null))
                .status());
        assertEquals(422, assertThrows(TransitException.class,
                () -> engine.decrypt(key, ciphertext.replace("tc:v1:", "tc:v9:"), null)).status());
    }

    @Test
    void encryptionVersionMustBeWithinMinEncryptionVersionAndLatest() {
        TransitKey key = withVersions(key("acme", "orders", 1, 1), 3, 1);
        TransitKey limited = new TransitKey(key.tenantId(), key.name(), key.createdAt(), 3, 1, 2, Duration.ZERO, false,
                false, key.lastRotated(), key.versionTimes(), key.wrappedVersions());
        assertTrue(engine.encrypt(limited, secret, null, 2).startsWith("tc:v2:"));
        assertEquals(400, assertThrows(TransitException.class, () -> engine.encrypt(limited, secret, null, 1))
                .status());
        assertEquals(400, assertThrows(TransitException.class, () -> engine.encrypt(limited, secret, null, 4))
                .status());
    }

    @Test
    void dataKeyIsEncryptedUnderTheTransitKey() {
        TransitKey key = key("acme", "orders", 1, 1);
        TransitEngine.DataKey dataKey = engine.dataKey(key, 256, null);
        byte[] plaintext = Base64.getDecoder().decode(dataKey.plaintextBase64());
        assertEquals(32, plaintext.length);
        assertArrayEquals(plaintext, engine.decrypt(key, dataKey.ciphertext(), null));
        assertEquals(400, assertThrows(TransitException.class, () -> engine.dataKey(key, 100, null)).status());
    }

    /** The key with extra versions generated after the existing ones. */
    private TransitKey withVersions(TransitKey key, int versions, int minDecrypt) {
        TreeMap<Integer, Instant> times = new TreeMap<>(key.versionTimes());
        Map<Integer, String> material = new HashMap<>(key.wrappedVersions());
        for (int v = key.latestVersion() + 1; v <= versions; v++) {
            times.put(v, Instant.now());
            material.put(v, engine.newWrappedMaterial(key.tenantId(), key.name(), v));
        }
        return new TransitKey(key.tenantId(), key.name(), key.createdAt(), versions, minDecrypt, 0, Duration.ZERO,
                false, false, Instant.now(), times, material);
    }
}

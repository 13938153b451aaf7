package io.tenancycore.security.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class MasterKeyRingTest {

    private static String newKek() {
        return Base64.getEncoder().encodeToString(AesGcm.newKey());
    }

    @Test
    void wrapIsBoundToItsLocation() {
        MasterKeyRing ring = MasterKeyRing.fromBase64(newKek(), List.of());
        byte[] material = AesGcm.newKey();
        String wrapped = ring.wrap(material, "transit/acme/k/v1");
        assertArrayEquals(material, ring.unwrap(wrapped, "transit/acme/k/v1"));
        assertThrows(RuntimeException.class, () -> ring.unwrap(wrapped, "transit/evil/k/v1"));
        assertFalse(wrapped.contains(Base64.getEncoder().encodeToString(material)));
    }

    @Test
    void rotationKeepsOldMaterialReadableAndRewrapMovesItToTheNewKek() {
        String oldKek = newKek();
        MasterKeyRing before = MasterKeyRing.fromBase64(oldKek, List.of());
        byte[] material = AesGcm.newKey();
        String wrapped = before.wrap(material, "loc");

        MasterKeyRing after = MasterKeyRing.fromBase64(newKek(), List.of(oldKek));
        assertNotEquals(before.currentId(), after.currentId());
        assertFalse(after.isCurrent(wrapped));
        assertArrayEquals(material, after.unwrap(wrapped, "loc"));
        String rewrapped = after.rewrap(wrapped, "loc");
        assertTrue(after.isCurrent(rewrapped));
        assertEquals(after.currentId(), MasterKeyRing.kekIdOf(rewrapped));

        MasterKeyRing withoutOld = MasterKeyRing.fromBase64(newKekFrom(after, oldKek), List.of());
        assertThrows(IllegalStateException.class, () -> withoutOld.unwrap(wrapped, "loc"));
    }

    @Test
    void missingOrWeakMasterKeyStopsStartup() {
        assertThrows(IllegalStateException.class, () -> MasterKeyRing.fromBase64("", List.of()));
        assertThrows(IllegalStateException.class, () -> MasterKeyRing.fromBase64("c2hvcnQ=", List.of()));
        assertThrows(IllegalStateException.class, () -> MasterKeyRing.fromBase64("not base64!", List.of()));
    }

    private static String newKekFrom(MasterKeyRing ignored, String notThis) {
        String kek;
        do {
            kek = newKek();
        } while (kek.equals(notThis));
        return kek;
    }
}

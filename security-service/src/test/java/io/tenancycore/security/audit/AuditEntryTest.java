package io.tenancycore.security.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenancycore.security.crypto.AesGcm;
import io.tenancycore.security.crypto.MasterKeyRing;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditEntryTest {

    private static AuditEntry legacy(long seq, String eventId, String time, String actor, String tenant, String action,
            String resource, String outcome, String ip, String trace, Map<String, Object> details, String prev) {
        AuditEntry entry = new AuditEntry(seq, eventId, time, actor, tenant, action, resource, outcome, null, ip, trace,
                details, null, null, prev, null);
        return entry.withHash(entry.legacyHash());
    }

    /** Hashes computed by the code before the chain was keyed: entries stored then must still verify. */
    @Test
    void legacyLinksAreTheSha256OfBefore() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("n", 2);
        details.put("method", "X#y");
        details.put("nested", Map.of("b", List.of(1, "two"), "a", true));
        AuditEntry first = legacy(1, "ev-1", "2025-01-31T12:00:00Z", "alice", "acme", "config.update",
                "config/db.pool", "success", "10.0.0.1", "trace-1", details, AuditEntry.GENESIS);
        assertEquals("ea6d06e18520cb416e8f88e7122fe3b7db71243cf3c9a1095562525d7427b258", first.hash());
        AuditEntry second = legacy(2, "ev-2", "2025-01-31T12:00:01Z", "bob", null, "config.delete", null, "failure",
                null, null, Map.of(), first.hash());
        assertEquals("0038dae36997e7ed557cad0dfec4e4d8307b9acc776c00d904695bb5f1cc669b", second.hash());
    }

    @Test
    void aKeyedLinkDependsOnKeyScopeContentAndTheLinkBefore() {
        byte[] key = AesGcm.newKey();
        AuditEntry entry = new AuditEntry(1, "ev-1", "2025-01-31T12:00:00Z", "alice", "acme", "config.update", "r",
                "failure", "disk full", null, null, Map.of("n", 1), List.of("actor"), "kid", AuditEntry.GENESIS, null);
        String link = AuditKeys.link(key, "acme", entry);
        assertEquals(link, AuditKeys.link(key, "acme", entry), "deterministic");
        assertNotEquals(link, AuditKeys.link(AesGcm.newKey(), "acme", entry));
        assertNotEquals(link, AuditKeys.link(key, "other", entry), "bound to the chain it is in");
        assertNotEquals(link, entry.legacyHash());
        for (AuditEntry changed : List.of(
                new AuditEntry(1, "ev-1", "2025-01-31T12:00:00Z", "alice", "acme", "config.update", "r", "failure",
                        "disk fine", null, null, Map.of("n", 1), List.of("actor"), "kid", AuditEntry.GENESIS, null),
                new AuditEntry(1, "ev-1", "2025-01-31T12:00:00Z", "alice", "acme", "config.update", "r", "failure",
                        "disk full", null, null, Map.of("n", 1), null, "kid", AuditEntry.GENESIS, null),
                new AuditEntry(1, "ev-1", "2025-01-31T12:00:00Z", "alice", "acme", "config.update", "r", "failure",
                        "disk full", null, null, Map.of("n", 1), List.of("actor"), "kid2", AuditEntry.GENESIS, null),
                new AuditEntry(1, "ev-1", "2025-01-31T12:00:00Z", "alice", "acme", "config.update", "r", "failure",
                        "disk full", null, null, Map.of("n", 1), List.of("actor"), "kid", "1".repeat(64), null))) {
            assertNotEquals(link, AuditKeys.link(key, "acme", changed));
        }
    }

    @Test
    void theAuditKeyIsDerivedPerMasterKeyAndPurposeAndIsNeverTheMasterKey() {
        byte[] master = AesGcm.newKey();
        MasterKeyRing ring = MasterKeyRing.fromBase64(Base64.getEncoder().encodeToString(master), List.of());
        byte[] chain = ring.derive(ring.currentId(), "tenancy-core audit chain v1").orElseThrow();
        byte[] witness = ring.derive(ring.currentId(), "tenancy-core audit witness v1").orElseThrow();
        assertArrayEquals(chain, MasterKeyRing.fromBase64(Base64.getEncoder().encodeToString(master), List.of())
                .derive(ring.currentId(), "tenancy-core audit chain v1").orElseThrow(), "every replica derives it");
        assertFalse(java.util.Arrays.equals(chain, master));
        assertFalse(java.util.Arrays.equals(chain, witness));
        assertTrue(ring.derive("0000000000000000", "tenancy-core audit chain v1").isEmpty());
    }

    @Test
    void actionFiltersMatchAnActionOrADottedPrefix() {
        assertTrue(AuditTrail.actionMatches("config.", "config.write"));
        assertTrue(AuditTrail.actionMatches("config.", "config.delete"));
        assertFalse(AuditTrail.actionMatches("config.", "configx.read"));
        assertTrue(AuditTrail.actionMatches("config", "config.write"));
        assertTrue(AuditTrail.actionMatches("config", "config"));
        assertFalse(AuditTrail.actionMatches("config", "configx.read"));
        assertTrue(AuditTrail.actionMatches("config.write", "config.write"));
        assertFalse(AuditTrail.actionMatches("config.write", "config.writes"));
        assertTrue(AuditTrail.actionMatches("conf*", "configx.read"));
        assertTrue(AuditTrail.actionMatches(null, null));
        assertFalse(AuditTrail.actionMatches("config.", null));
    }
}

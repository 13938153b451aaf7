package io.tenancycore.security.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.tenancycore.security.audit.AuditTrail.Anchor;
import io.tenancycore.security.audit.AuditTrail.Verification;
import io.tenancycore.security.crypto.AesGcm;
import io.tenancycore.security.crypto.MasterKeyRing;
import io.tenancycore.security.support.RedisClients;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The keyed chain against the real Redis, attacked the way someone with write access to Redis but without the master
 * key would: edit and recompute, truncate, restore an older checkpoint, delete the checkpoint, downgrade to legacy
 * links; and the master key rotated under it.
 */
class AuditTamperIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String KEK = newKek();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RedisClients redis;
    private ReactiveRedisDataSource ds;
    private String tenant;

    @BeforeEach
    void connect() {
        redis = new RedisClients();
        ds = redis.dataSource();
        tenant = "tamper-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void close() {
        redis.close();
    }

    private static String newKek() {
        return Base64.getEncoder().encodeToString(AesGcm.newKey());
    }

    private AuditTrail trail(MasterKeyRing ring) {
        return new AuditTrail(new AuditChainStore(ds, MAPPER), new AuditKeys(ring, ds), Clock.systemUTC());
    }

    private AuditTrail trail() {
        return trail(MasterKeyRing.fromBase64(KEK, List.of()));
    }

    private AuditChainStore store() {
        return new AuditChainStore(ds, MAPPER);
    }

    private static AuditTrail.Fields record(String action, int n) {
        return new AuditTrail.Fields(UUID.randomUUID().toString(), "2025-01-31T12:00:0" + (n % 10) + "Z", "alice",
                null, action, "config/db.pool", "success", null, "10.0.0.1", null, Map.of("n", n), null);
    }

    private static void appendAll(AuditTrail trail, String scope, int count) {
        for (int i = 0; i < count; i++) {
            trail.append(scope, record("config.update", i)).await().atMost(WAIT);
        }
    }

    private static <T> T await(Uni<T> uni) {
        return uni.await().atMost(WAIT);
    }

    private Verification verify(AuditTrail trail) {
        return await(trail.verify(tenant));
    }

    @Test
    void aKeyedChainVerifiesAndItsCheckpointNamesTheHead() {
        AuditTrail trail = trail();
        appendAll(trail, tenant, 5);

        Verification result = verify(trail);
        assertTrue(result.valid(), result.reason());
        assertEquals(5, result.entries());
        assertEquals(5, result.checkpoint().seq());
        assertEquals(result.headHash(), result.checkpoint().link());
        assertEquals(0, result.legacyEntries());
        assertNull(result.notice());
        AuditEntry last = await(store().at(tenant, 5));
        assertEquals(MasterKeyRing.fromBase64(KEK, List.of()).currentId(), last.keyId());
        // the link is a MAC, not the plain SHA-256 anyone could compute
        assertNotEquals(last.legacyHash(), last.hash());
    }

    @Test
    void anEditRecomputedWithPlainSha256IsFound() {
        AuditTrail trail = trail();
        appendAll(trail, tenant, 4);
        AuditEntry victim = await(store().at(tenant, 2));

        // keep the key id, recompute the link as a plain hash: the HMAC does not match
        AuditEntry edited = new AuditEntry(victim.seq(), victim.eventId(), victim.time(), "mallory", victim.tenantId(),
                victim.action(), victim.resource(), victim.outcome(), victim.reason(), victim.sourceIp(),
                victim.traceId(), victim.details(), victim.truncated(), victim.keyId(), victim.prevHash(), null);
        await(store().overwrite(tenant, edited.withHash(edited.legacyHash())));
        Verification result = verify(trail);
        assertFalse(result.valid());
        assertEquals(2L, result.firstBrokenSeq());
        assertEquals("link (HMAC) does not match the entry's content", result.reason());

        // pass it off as a legacy entry (no key id, SHA-256 link): legacy links are not accepted in a keyed chain
        AuditEntry downgraded = new AuditEntry(victim.seq(), victim.eventId(), victim.time(), "mallory",
                victim.tenantId(), victim.action(), victim.resource(), victim.outcome(), null, victim.sourceIp(),
                victim.traceId(), victim.details(), null, null, victim.prevHash(), null);
        await(store().overwrite(tenant, downgraded.withHash(downgraded.legacyHash())));
        result = verify(trail);
        assertFalse(result.valid());
        assertEquals(2L, result.firstBrokenSeq());
        assertTrue(result.reason().startsWith("unkeyed (legacy) entry"), result.reason());
    }

    @Test
    void deletingTheLastEntriesIsFoundThroughTheCheckpointAndAppendingLaterDoesNotHideIt() {
        AuditTrail trail = trail();
        appendAll(trail, tenant, 8);
        truncateTo(5);

        Verification result = verify(trail);
        assertFalse(result.valid());
        assertEquals("truncated: chain ends at seq 5, checkpoint says 8", result.reason());
        assertEquals(6L, result.firstBrokenSeq());

        // the next record must not launder the truncation into a fresh, valid checkpoint
        appendAll(trail, tenant, 1);
        result = verify(trail);
        assertFalse(result.valid());
        assertTrue(result.reason().startsWith("tampering found while appending: truncated: chain ends at seq 5, "
                + "checkpoint says 8"), result.reason());
        appendAll(trail, tenant, 1);
        assertTrue(verify(trail).reason().startsWith("tampering found while appending: truncated"));
    }

    @Test
    void anOlderValidCheckpointPutBackIsFoundByTheWitnessAndByTheCallersAnchor() {
        AuditTrail trail = trail();
        appendAll(trail, tenant, 4);
        String oldCheckpoint = await(ds.value(String.class).get(AuditChainStore.checkpointKey(tenant)));
        String oldWitness = await(ds.hash(String.class).hget(AuditChainStore.witnessKey(), tenant));
        Verification atFour = verify(trail);
        appendAll(trail, tenant, 3);
        Verification atSeven = verify(trail);

        // roll the tenant's keys back to how they were at seq 4: entries, head and checkpoint all consistent
        truncateTo(4);
        await(ds.value(String.class).set(AuditChainStore.checkpointKey(tenant), oldCheckpoint));
        Verification result = verify(trail);
        assertFalse(result.valid());
        assertEquals("checkpoint rolled back: checkpoint says seq 4, witness says seq 7", result.reason());

        // an attacker who kept the witness of then and puts it back too is not seen by the store alone ...
        await(ds.hash(String.class).hset(AuditChainStore.witnessKey(), tenant, oldWitness));
        assertTrue(verify(trail).valid(), "a consistent rollback of every key is the documented residual risk");
        assertEquals(atFour.checkpoint(), verify(trail).checkpoint());
        // ... but by an auditor who kept a later checkpoint
        result = await(trail.verify(tenant, 0, 100,
                new Anchor(atSeven.checkpoint().seq(), atSeven.checkpoint().link())));
        assertFalse(result.valid());
        assertEquals("truncated: chain ends at seq 4, the anchor says 7", result.reason());
    }

    @Test
    void aDeletedCheckpointOrAForgedOneIsReported() {
        AuditTrail trail = trail();
        appendAll(trail, tenant, 3);
        String checkpoint = await(ds.value(String.class).get(AuditChainStore.checkpointKey(tenant)));

        await(ds.key().del(AuditChainStore.checkpointKey(tenant)));
        Verification result = verify(trail);
        assertFalse(result.valid());
        assertTrue(result.reason().startsWith("checkpoint missing"), result.reason());

        await(ds.value(String.class).set(AuditChainStore.checkpointKey(tenant),
                checkpoint.replace("\"seq\":3", "\"seq\":2")));
        result = verify(trail);
        assertFalse(result.valid());
        assertTrue(result.reason().startsWith("checkpoint does not verify"), result.reason());
    }

    @Test
    void aMasterKeyRotationLeavesOldEntriesVerifiableEvenOnceThePreviousKeyIsDropped() {
        String newKek = newKek();
        MasterKeyRing before = MasterKeyRing.fromBase64(KEK, List.of());
        MasterKeyRing rotated = MasterKeyRing.fromBase64(newKek, List.of(KEK));
        MasterKeyRing onlyNew = MasterKeyRing.fromBase64(newKek, List.of());
        appendAll(trail(before), tenant, 3);

        // after the rotation (ENCRYPTION_KEY new, ENCRYPTION_KEY_PREVIOUS the old one) new entries use the new key
        AuditTrail afterRotation = trail(rotated);
        appendAll(afterRotation, tenant, 2);
        Verification result = verify(afterRotation);
        assertTrue(result.valid(), result.reason());
        assertEquals(5, result.entries());
        assertEquals(before.currentId(), await(store().at(tenant, 1)).keyId());
        assertEquals(rotated.currentId(), await(store().at(tenant, 5)).keyId());
        assertEquals(rotated.currentId(), result.checkpoint().keyId());

        // the previous master key dropped: the old audit key comes from the archive, wrapped under the new one
        result = verify(trail(onlyNew));
        assertTrue(result.valid(), result.reason());

        // a ring that never knew the old master key cannot vouch for the old entries
        result = verify(trail(MasterKeyRing.fromBase64(newKek(), List.of())));
        assertFalse(result.valid());
    }

    @Test
    void theArchiveWrittenAtStartupAloneCarriesTheOldKeyAcrossTheRotation() {
        String newKek = newKek();
        appendAll(trail(MasterKeyRing.fromBase64(KEK, List.of())), tenant, 2);
        // the restart with ENCRYPTION_KEY new and ENCRYPTION_KEY_PREVIOUS old; no record arrives before the next one
        await(new AuditKeys(MasterKeyRing.fromBase64(newKek, List.of(KEK)), ds).ensureArchived());
        Verification result = verify(trail(MasterKeyRing.fromBase64(newKek, List.of())));
        assertTrue(result.valid(), result.reason());
        assertEquals(2, result.entries());
    }

    @Test
    void legacyEntriesStillVerifyAreReportedAndAreSealedByTheFirstKeyedOne() {
        String previous = AuditEntry.GENESIS;
        for (int seq = 1; seq <= 3; seq++) {
            previous = writeLegacy(seq, "alice", previous);
        }
        AuditTrail trail = trail();
        Verification legacyOnly = verify(trail);
        assertTrue(legacyOnly.valid(), legacyOnly.reason());
        assertEquals(3, legacyOnly.legacyEntries());
        assertNull(legacyOnly.checkpoint());
        assertEquals(AuditVerifier.LEGACY_NOTICE, legacyOnly.notice());

        appendAll(trail, tenant, 2);
        Verification sealed = verify(trail);
        assertTrue(sealed.valid(), sealed.reason());
        assertEquals(5, sealed.entries());
        assertEquals(3, sealed.legacyEntries());
        assertEquals(3, sealed.checkpoint().legacyThrough());
        assertNull(sealed.notice());

        // rewriting a legacy entry and every legacy hash after it no longer goes unnoticed: the keyed entry 4 holds
        // the old link of entry 3
        String relinked = AuditEntry.GENESIS;
        for (int seq = 1; seq <= 3; seq++) {
            relinked = rewriteLegacy(seq, seq == 2 ? "mallory" : "alice", relinked);
        }
        Verification result = verify(trail);
        assertFalse(result.valid());
        assertEquals(4L, result.firstBrokenSeq());
    }

    @Test
    void concurrentWritersNeverForkTheChainNorRaiseAFalseAlarm() throws Exception {
        List<CompletableFuture<Void>> writers = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            AuditTrail writer = trail();
            writers.add(CompletableFuture.runAsync(() -> appendAll(writer, tenant, 15)));
        }
        for (CompletableFuture<Void> writer : writers) {
            writer.get();
        }
        Verification result = verify(trail());
        assertTrue(result.valid(), result.reason());
        assertEquals(45, result.entries());
    }

    @Test
    void verificationGoesWindowByWindowAndEveryWindowChecksTheEnd() {
        AuditTrail trail = trail();
        appendAll(trail, tenant, 7);
        Verification first = await(trail.verify(tenant, 0, 3, null));
        assertTrue(first.valid());
        assertEquals(1, first.checkedFromSeq());
        assertEquals(3, first.checkedToSeq());
        assertEquals("3", first.nextCursor());
        Verification last = await(trail.verify(tenant, 6, 3, null));
        assertEquals(7, last.checkedToSeq());
        assertNull(last.nextCursor());

        truncateTo(6);
        Verification early = await(trail.verify(tenant, 0, 3, null));
        assertFalse(early.valid(), "a window far from the end still sees the truncation");
        assertTrue(early.reason().startsWith("truncated"));
    }

    /** What an attacker does: drop the last entries and point the head at the new last one. */
    private void truncateTo(long seq) {
        AuditEntry last = await(store().at(tenant, seq));
        await(ds.list(String.class).ltrim(AuditChainStore.chainKey(tenant), 0, seq - 1));
        await(ds.hash(String.class).hset(AuditChainStore.headKey(tenant),
                Map.of("seq", Long.toString(seq), "hash", last.hash())));
    }

    /** An entry as the code before keyed chains stored it: no reason, truncated or key id; SHA-256 link. */
    private String writeLegacy(long seq, String actor, String previous) {
        String json = legacyJson(seq, actor, previous);
        await(ds.list(String.class).rpush(AuditChainStore.chainKey(tenant), json));
        String hash = hashOf(json);
        await(ds.hash(String.class).hset(AuditChainStore.headKey(tenant),
                Map.of("seq", Long.toString(seq), "hash", hash)));
        return hash;
    }

    private String rewriteLegacy(long seq, String actor, String previous) {
        String json = legacyJson(seq, actor, previous);
        await(ds.list(String.class).lset(AuditChainStore.chainKey(tenant), seq - 1, json));
        return hashOf(json);
    }

    private static String hashOf(String json) {
        try {
            return MAPPER.readValue(json, AuditEntry.class).hash();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String legacyJson(long seq, String actor, String previous) {
        AuditEntry entry = new AuditEntry(seq, "legacy-" + seq, "2024-06-01T00:00:0" + seq + "Z", actor, tenant,
                "config.update", "config/a", "success", null, null, null, Map.of("n", (int) seq), null, null,
                previous, null);
        entry = entry.withHash(entry.legacyHash());
        Map<String, Object> old = new TreeMap<>(Map.of("seq", seq, "event_id", entry.eventId(), "time", entry.time(),
                "actor", actor, "tenant_id", tenant, "action", entry.action(), "resource", entry.resource(),
                "outcome", entry.outcome(), "details", entry.details(), "prev_hash", previous));
        old.put("source_ip", null);
        old.put("trace_id", null);
        old.put("hash", entry.hash());
        try {
            return MAPPER.writeValueAsString(old);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

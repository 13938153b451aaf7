package io.tenancycore.admincli.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/**
 * The slot arithmetic against the Redis Cluster specification's own examples (ClusterKeyslot of the real cluster is
 * compared in ClusterBackupRestoreIT), and the redaction of a cluster's node list.
 */
class HashSlotTest {

    @Test
    void crc16IsXmodemAsTheSpecificationSays() {
        // the specification's check value: CRC16/XMODEM("123456789") = 0x31C3
        assertEquals(0x31C3, HashSlot.crc16("123456789".getBytes(), 0, 9));
        assertEquals(0x31C3 & 16383, HashSlot.of("123456789"));
    }

    @Test
    void onlyTheFirstNonEmptyTagCounts() {
        assertEquals(HashSlot.of("user1000"), HashSlot.of("{user1000}.following"));
        assertEquals(HashSlot.of("user1000"), HashSlot.of("{user1000}.followers"));
        assertEquals(HashSlot.of("{bar"), HashSlot.of("foo{{bar}}zap"), "the tag is '{bar'");
        assertEquals(HashSlot.of("bar"), HashSlot.of("foo{bar}{zap}"));
        assertEquals(HashSlot.crc16("foo{}{bar}".getBytes(), 0, 10) & 16383, HashSlot.of("foo{}{bar}"),
                "an empty tag means the whole key");
        assertEquals(HashSlot.of("acme"), HashSlot.of("config:{acme}:rev"));
    }

    @Test
    void aTagForEverySlotLandsThere() {
        for (int slot = 0; slot < HashSlot.SLOTS; slot++) {
            assertEquals(slot, HashSlot.of("corectl:restore-staging:x:1:" + HashSlot.tagFor(slot)));
        }
    }

    @Test
    void everyNodeOfAClusterUrlListIsRedacted() {
        String redacted = RedisSession.redact("redis://:s3cret@10.0.0.1:7001,redis://:s3cret@10.0.0.2:7002");
        assertFalse(redacted.contains("s3cret"), redacted);
        assertEquals("redis://10.0.0.1:7001,redis://10.0.0.2:7002", redacted);
    }
}

package io.tenancycore.commons.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StoredValueFormatTest {

    @Test
    void valuesAtOrBelowTheThresholdStayRaw() {
        byte[] value = "x".repeat(100).getBytes(StandardCharsets.UTF_8);
        byte[] stored = StoredValueFormat.wrap(value, 100);
        assertEquals(StoredValueFormat.RAW, stored[0]);
        assertArrayEquals(value, StoredValueFormat.unwrap(stored));
    }

    @Test
    void compressibleValuesAboveTheThresholdAreDeflated() {
        byte[] value = "abc".repeat(1000).getBytes(StandardCharsets.UTF_8);
        byte[] stored = StoredValueFormat.wrap(value, 100);
        assertEquals(StoredValueFormat.DEFLATED, stored[0]);
        assertEquals(true, stored.length < value.length / 10);
        assertArrayEquals(value, StoredValueFormat.unwrap(stored));
    }

    @Test
    void incompressibleValuesAreKeptRaw() {
        byte[] value = new byte[4096];
        new Random(7).nextBytes(value);
        byte[] stored = StoredValueFormat.wrap(value, 100);
        assertEquals(StoredValueFormat.RAW, stored[0]);
        assertArrayEquals(value, StoredValueFormat.unwrap(stored));
    }

    @Test
    void negativeThresholdDisablesCompression() {
        byte[] value = "abc".repeat(1000).getBytes(StandardCharsets.UTF_8);
        assertEquals(StoredValueFormat.RAW, StoredValueFormat.wrap(value, -1)[0]);
    }

    @Test
    void damagedEntriesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> StoredValueFormat.unwrap(new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> StoredValueFormat.unwrap(new byte[] {9, 1, 2}));
        byte[] deflated = StoredValueFormat.wrap("abc".repeat(1000).getBytes(StandardCharsets.UTF_8), 10);
        byte[] truncated = java.util.Arrays.copyOf(deflated, deflated.length / 2);
        assertThrows(IllegalArgumentException.class, () -> StoredValueFormat.unwrap(truncated));
        assertThrows(IllegalArgumentException.class,
                () -> StoredValueFormat.unwrap(new byte[] {StoredValueFormat.DEFLATED, 1, 2, 3}));
    }
}

package io.tenancycore.admincli.connect;

import java.nio.charset.StandardCharsets;

/**
 * The Redis Cluster hash slot of a key (CRC16/XMODEM of the key, or of its hash tag, modulo 16384), as the cluster
 * computes it. corectl needs it where it writes several keys in one step: a MULTI/EXEC or a RENAME is legal in a
 * cluster only when all its keys share a slot, so restore groups its commits by slot and names each staging key with
 * a tag of its target key's slot.
 */
public final class HashSlot {

    public static final int SLOTS = 16384;
    private static final int[] CRC16_TABLE = new int[256];
    /** For each slot, a short string whose slot it is (filled on first use): a hash tag that lands any key there. */
    private static volatile String[] tagsBySlot;

    static {
        for (int i = 0; i < 256; i++) {
            int crc = i << 8;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
            CRC16_TABLE[i] = crc & 0xffff;
        }
    }

    private HashSlot() {
    }

    /** The slot of {@code key}: only the part between the first '{' and the next '}' counts, if that part is not empty. */
    public static int of(byte[] key) {
        int open = indexOf(key, (byte) '{', 0);
        if (open >= 0) {
            int close = indexOf(key, (byte) '}', open + 1);
            if (close > open + 1) {
                return crc16(key, open + 1, close) & (SLOTS - 1);
            }
        }
        return crc16(key, 0, key.length) & (SLOTS - 1);
    }

    public static int of(String key) {
        return of(key.getBytes(StandardCharsets.UTF_8));
    }

    /** A hash tag ({@code {…}}) that puts any key containing it (and no earlier tag) into {@code slot}. */
    public static String tagFor(int slot) {
        String[] tags = tagsBySlot;
        if (tags == null) {
            tags = allTags();
            tagsBySlot = tags;
        }
        return "{" + tags[slot] + "}";
    }

    /** Counts up from 0 until every slot has a decimal string that hashes to it (about 170,000 CRCs, once). */
    private static String[] allTags() {
        String[] tags = new String[SLOTS];
        int missing = SLOTS;
        for (long n = 0; missing > 0; n++) {
            byte[] candidate = Long.toString(n).getBytes(StandardCharsets.US_ASCII);
            int slot = crc16(candidate, 0, candidate.length) & (SLOTS - 1);
            if (tags[slot] == null) {
                tags[slot] = Long.toString(n);
                missing--;
            }
        }
        return tags;
    }

    static int crc16(byte[] bytes, int from, int to) {
        int crc = 0;
        for (int i = from; i < to; i++) {
            crc = ((crc << 8) ^ CRC16_TABLE[((crc >>> 8) ^ bytes[i]) & 0xff]) & 0xffff;
        }
        return crc;
    }

    private static int indexOf(byte[] bytes, byte wanted, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }
}

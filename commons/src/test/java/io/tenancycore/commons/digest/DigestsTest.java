package io.tenancycore.commons.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class DigestsTest {

    @Test
    void sha1MatchesTheKnownVectorsRedisUsesForScriptIds() {
        // FIPS 180 test vector "abc" and the empty string
        assertEquals("a9993e364706816aba3e25717850c26c9cd0d89d", Digests.sha1Hex("abc"));
        assertEquals("da39a3ee5e6b4b0d3255bfef95601890afd80709", Digests.sha1Hex(""));
    }

    @Test
    void sha256MatchesTheKnownVectorAndItsPrefix() {
        String abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        assertEquals(abc, Digests.sha256Hex("abc"));
        assertEquals(abc.substring(0, 24), Digests.sha256Hex("abc", 12));
        assertEquals(abc, Digests.sha256Hex("abc", 32));
    }

    @Test
    void textIsDigestedAsUtf8() {
        // "\u00e9" is c3 a9 in UTF-8 (printf '\xc3\xa9' | sha1sum); a platform-charset encoding would give another digest
        assertEquals("bf15be717ac1b080b4f1c456692825891ff5073d", Digests.sha1Hex("\u00e9"));
    }

    @Test
    void aPrefixOutsideOneToThirtyTwoBytesIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Digests.sha256Hex("abc", 0));
        assertThrows(IllegalArgumentException.class, () -> Digests.sha256Hex("abc", 33));
    }

    @Test
    void concurrentCallersGetTheSameDigestsAsOneCaller() throws Exception {
        var pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Callable<Boolean> task = () -> {
                    for (int i = 0; i < 2_000; i++) {
                        if (!Digests.sha1Hex("abc").equals("a9993e364706816aba3e25717850c26c9cd0d89d")) {
                            return false;
                        }
                    }
                    return true;
                };
                results.add(pool.submit(task));
            }
            for (Future<Boolean> result : results) {
                assertEquals(true, result.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}

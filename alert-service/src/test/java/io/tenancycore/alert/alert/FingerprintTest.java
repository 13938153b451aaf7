package io.tenancycore.alert.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tenancycore.alert.support.Fingerprint;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fingerprints a real Alertmanager 0.25 (Debian prometheus-alertmanager) reported for the same label sets. */
class FingerprintTest {

    @Test
    void matchesAlertmanager() {
        assertEquals("b79ace4763b3255e", Fingerprint.of(Map.of("alertname", "system.high_cpu")));
        assertEquals("97ac2175406f323f", Fingerprint.of(Map.of("alertname", "HighCPU", "severity", "critical",
                "instance", "db-1:9100")));
    }

    @Test
    void labelOrderDoesNotMatterButValuesDo() {
        assertEquals(Fingerprint.of(Map.of("a", "1", "b", "2")), Fingerprint.of(new java.util.TreeMap<>(
                Map.of("b", "2", "a", "1"))));
        assertFalse(Fingerprint.of(Map.of("a", "1")).equals(Fingerprint.of(Map.of("a", "2"))));
        assertTrue(Fingerprint.isValid(Fingerprint.of(Map.of())));
        assertFalse(Fingerprint.isValid("../../etc"));
    }
}

package io.tenancycore.config.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tenancycore.commons.error.ProblemException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WaitDurationTest {

    private static final Duration DEFAULT = Duration.ofSeconds(30);
    private static final Duration MAX = Duration.ofMinutes(2);

    @Test
    void parsesConsulStyleWaitsAndCapsThem() {
        assertEquals(DEFAULT, WaitDuration.parse(null, DEFAULT, MAX));
        assertEquals(Duration.ofMillis(500), WaitDuration.parse("500ms", DEFAULT, MAX));
        assertEquals(Duration.ofSeconds(10), WaitDuration.parse("10s", DEFAULT, MAX));
        assertEquals(Duration.ofSeconds(10), WaitDuration.parse("10", DEFAULT, MAX));
        assertEquals(MAX, WaitDuration.parse("60m", DEFAULT, MAX));
        assertThrows(ProblemException.class, () -> WaitDuration.parse("soon", DEFAULT, MAX));
    }
}

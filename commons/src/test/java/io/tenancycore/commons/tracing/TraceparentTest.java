package io.tenancycore.commons.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TraceparentTest {

    private static final String W3C_EXAMPLE = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void parsesAndFormatsTheSpecExample() {
        Traceparent parsed = Traceparent.parse(W3C_EXAMPLE).orElseThrow();
        assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", parsed.traceId());
        assertEquals("00f067aa0ba902b7", parsed.spanId());
        assertTrue(parsed.sampled());
        assertEquals(W3C_EXAMPLE, parsed.format());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", "garbage",
            "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
            "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra",
            "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01",
    })
    void rejectsInvalidHeaders(String header) {
        assertEquals(Optional.empty(), Traceparent.parse(header));
    }

    @Test
    void futureVersionsMayCarryMoreFields() {
        assertTrue(Traceparent.parse("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-future").isPresent());
    }

    @Test
    void newRootHasRandomLowercaseIds() {
        Traceparent root = Traceparent.newRoot();
        assertTrue(root.format().matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01"), root.format());
        assertNotEquals(root.traceId(), Traceparent.newRoot().traceId());
        assertEquals(root, Traceparent.parse(root.format()).orElseThrow());
    }

    @Test
    void childKeepsTraceAndFlagsWithNewSpan() {
        Traceparent parent = Traceparent.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00").orElseThrow();
        Traceparent child = parent.child();
        assertEquals(parent.traceId(), child.traceId());
        assertNotEquals(parent.spanId(), child.spanId());
        assertFalse(child.sampled());
    }

    @Test
    void constructorRefusesInvalidIds() {
        assertThrows(IllegalArgumentException.class, () -> new Traceparent("xyz", "00f067aa0ba902b7", "01"));
    }
}

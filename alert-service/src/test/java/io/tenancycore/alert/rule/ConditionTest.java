package io.tenancycore.alert.rule;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConditionTest {

    @Test
    void comparesAndCombines() {
        assertTrue(Condition.parse("value > 90").test(Map.of("value", 95)));
        assertFalse(Condition.parse("value > 90").test(Map.of("value", 90)));
        assertTrue(Condition.parse("value > 90 or load >= 2.5 and ok == 1").test(Map.of("load", 3, "ok", 1)));
        assertFalse(Condition.parse("value > 90").test(Map.of("value", "95")));
        assertTrue(Condition.parse("cpu.user < 5").test(Map.of("cpu", Map.of("user", 1.5))));
        assertTrue(Condition.parse(null).test(Map.of()));
    }

    @Test
    void refusesAnythingElse() {
        assertThrows(IllegalArgumentException.class, () -> Condition.parse("value > 90; rm"));
        assertThrows(IllegalArgumentException.class, () -> Condition.parse("f(value) > 1"));
        assertThrows(IllegalArgumentException.class, () -> Condition.parse("a > 1 and ".repeat(20) + "a > 1"));
    }
}

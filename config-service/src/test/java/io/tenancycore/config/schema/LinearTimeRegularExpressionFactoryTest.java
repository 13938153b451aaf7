package io.tenancycore.config.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.regex.RegularExpression;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LinearTimeRegularExpressionFactoryTest {

    private final LinearTimeRegularExpressionFactory factory = new LinearTimeRegularExpressionFactory(1000, 5000);

    @Test
    void nestedQuantifiersMatchInLinearTime() {
        RegularExpression evil = factory.getRegularExpression("^(a+)+$");
        String attack = "a".repeat(5_000) + "!";
        // java.util.regex needs on the order of 2^n steps here; RE2/J answers at once
        boolean matched = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> evil.matches(attack));
        assertFalse(matched);
        assertTrue(evil.matches("aaaa"));
    }

    @Test
    void matchingIsASearchAsJsonSchemaRequires() {
        assertTrue(factory.getRegularExpression("b+").matches("abba"));
        assertFalse(factory.getRegularExpression("^b+$").matches("abba"));
        // ECMA-262 $ is the end of input, not "before a final newline"
        assertFalse(factory.getRegularExpression("^a$").matches("a\n"));
    }

    @Test
    void ecmaScriptUnicodeEscapesAreUnderstood() {
        assertTrue(factory.getRegularExpression("^\\u0041\\u00e9$").matches("Aé"));
        assertEquals("\\\\u0041", LinearTimeRegularExpressionFactory.fromEcmaScript("\\\\u0041"));
        assertTrue(factory.getRegularExpression("^\\p{L}+$").matches("Grüße"));
    }

    @Test
    void backreferencesAndLookaroundAreRefusedWithAReason() {
        for (String pattern : new String[] { "^(a)\\1$", "(?=a)b", "(?<!a)b", "a(?!b)" }) {
            UnsupportedPatternException refused = assertThrows(UnsupportedPatternException.class,
                    () -> factory.compile(pattern), pattern);
            assertTrue(refused.getMessage().contains("linear-time"), refused::getMessage);
        }
    }

    @Test
    void longPatternsAreRefused() {
        String tooLong = "a".repeat(1001);
        UnsupportedPatternException refused = assertThrows(UnsupportedPatternException.class,
                () -> factory.compile(tooLong));
        assertTrue(refused.getMessage().contains("at most 1000"), refused::getMessage);
        factory.compile("a".repeat(1000));
    }

    @Test
    void nestedCountedRepetitionIsRefusedBeforeItIsCompiled() {
        // compiled, this would need gigabytes; refused from the estimate within a blink
        UnsupportedPatternException refused = assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> assertThrows(UnsupportedPatternException.class,
                        () -> factory.compile("((a{1000}){1000}){1000}")));
        assertTrue(refused.getMessage().contains("repeats too much"), refused::getMessage);
        assertThrows(UnsupportedPatternException.class, () -> factory.compile("(a{100}){100}"));
        // ordinary counted patterns stay well inside the budget
        factory.compile("^[a-z][a-z0-9_-]{2,62}$");
        factory.compile("^\\d{1,4}(\\.\\d{1,4}){0,3}$");
    }

    @Test
    void theEstimateIsAtLeastWhatRe2jCompiles() {
        for (String pattern : new String[] { "^[a-z][a-z0-9_-]{2,62}$", "(ab|cd){10,20}x*", "\\d{3}-\\d{4}",
                "(?i)hello (world|there)+", "[[:alpha:]]{5}\\Qa.b\\E", "^(a+)+$" }) {
            long compiled = com.google.re2j.Pattern.compile(pattern).programSize();
            assertTrue(PatternSize.estimate(pattern) >= compiled,
                    pattern + ": estimate " + PatternSize.estimate(pattern) + " < " + compiled);
        }
    }

    @Test
    void anInvalidRegexIsNotAValidRegexFormat() {
        assertThrows(UnsupportedPatternException.class, () -> factory.getRegularExpression("(unclosed"));
    }
}

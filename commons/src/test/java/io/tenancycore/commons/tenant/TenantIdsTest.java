package io.tenancycore.commons.tenant;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The hand-written tenant id check agrees with DESIGN.md's pattern on the edges and on many random strings. */
class TenantIdsTest {

    private static final Pattern DESIGN_PATTERN = Pattern.compile(TenantIds.PATTERN);
    private static final String ALPHABET = "abcxyz019_-AZ.:/ é\u0000";

    @Test
    void agreesWithThePatternOnTheEdges() {
        List<String> cases = new ArrayList<>(List.of("", "a", "ab", "abc", "acme_corp", "a-b", "a_0", "0ab", "_ab",
                "-ab", "Abc", "aBc", "ab.c", "ab c", "abé", "ab\n", "a".repeat(63), "a".repeat(64), "a" + "9".repeat(62)));
        cases.add(null);
        for (String id : cases) {
            assertEquals(matchesPattern(id), TenantIds.isValid(id), () -> "for " + id);
        }
    }

    @Test
    void agreesWithThePatternOnRandomStrings() {
        Random random = new Random(42);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder id = new StringBuilder();
            int length = random.nextInt(70);
            for (int i = 0; i < length; i++) {
                id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            String candidate = id.toString();
            assertEquals(matchesPattern(candidate), TenantIds.isValid(candidate), () -> "for " + candidate);
        }
    }

    private static boolean matchesPattern(String tenantId) {
        return tenantId != null && DESIGN_PATTERN.matcher(tenantId).matches();
    }
}

package io.tenancycore.commons.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class ConstraintsTest {

    private static final ValidatorFactory FACTORY = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory();
    private static final Validator VALIDATOR = FACTORY.getValidator();

    record Subject(@TenantId String tenant, @Quota(max = 100) Long quota, List<@FeatureName String> features) {
    }

    @AfterAll
    static void close() {
        FACTORY.close();
    }

    @Test
    void validValuesPass() {
        assertEquals(Set.of(), violations(new Subject("acme", 100L, List.of("sso", "webhooks"))));
        assertEquals(Set.of(), violations(new Subject(null, null, null)));
        assertEquals(Set.of(), violations(new Subject("a_b-c9", 1L, List.of())));
    }

    @Test
    void tenantIdFollowsTheDesignPattern() {
        for (String bad : new String[] { "ab", "Acme", "1acme", "acme corp", "a".repeat(64), "-acme" }) {
            assertEquals(Set.of("tenant"), violations(new Subject(bad, null, null)), bad);
        }
        assertEquals(Set.of(), violations(new Subject("a".repeat(63), null, null)));
    }

    @Test
    void quotaIsPositiveAndBounded() {
        assertEquals(Set.of("quota"), violations(new Subject(null, 0L, null)));
        assertEquals(Set.of("quota"), violations(new Subject(null, -1L, null)));
        assertEquals(Set.of("quota"), violations(new Subject(null, 101L, null)));
        String message = VALIDATOR.validate(new Subject(null, 101L, null)).iterator().next().getMessage();
        assertEquals("must be between 1 and 100", message);
    }

    @Test
    void featureMustBeInTheCatalog() {
        assertEquals(Set.of("features[1].<list element>"),
                violations(new Subject(null, null, List.of("sso", "teleportation"))));
    }

    private static Set<String> violations(Subject subject) {
        return VALIDATOR.validate(subject).stream().map(v -> v.getPropertyPath().toString()).collect(Collectors.toSet());
    }
}

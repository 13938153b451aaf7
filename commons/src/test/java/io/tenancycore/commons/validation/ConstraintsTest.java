package io.tenancycore.commons.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.Set;
import java.util.stream.Collectors;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class ConstraintsTest {

    private static final ValidatorFactory FACTORY = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory();
    private static final Validator VALIDATOR = FACTORY.getValidator();

    record Subject(@TenantId String tenant) {
    }

    @AfterAll
    static void close() {
        FACTORY.close();
    }

    @Test
    void validValuesPass() {
        assertEquals(Set.of(), violations(new Subject("acme")));
        assertEquals(Set.of(), violations(new Subject(null)));
        assertEquals(Set.of(), violations(new Subject("a_b-c9")));
    }

    @Test
    void tenantIdFollowsTheDesignPattern() {
        for (String bad : new String[] { "ab", "Acme", "1acme", "acme corp", "a".repeat(64), "-acme" }) {
            assertEquals(Set.of("tenant"), violations(new Subject(bad)), bad);
        }
        assertEquals(Set.of(), violations(new Subject("a".repeat(63))));
    }

    private static Set<String> violations(Subject subject) {
        return VALIDATOR.validate(subject).stream().map(v -> v.getPropertyPath().toString()).collect(Collectors.toSet());
    }
}

package io.tenancycore.commons.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem detail, the body of every error response of every service. Its {@code type} is always
 * qualified with the emitting service ({@link ProblemTypes#qualify}); {@code violations} is present only for
 * validation problems.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance,
        List<Violation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem {
        type = ProblemTypes.qualify(type, status);
        violations = violations == null ? List.of() : List.copyOf(violations);
    }

    public Problem withInstance(String instance) {
        return new Problem(type, title, status, detail, instance, violations);
    }
}

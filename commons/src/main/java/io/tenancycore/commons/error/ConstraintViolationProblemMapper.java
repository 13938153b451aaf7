package io.tenancycore.commons.error;

import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Bean Validation failures on request input become a 400 problem listing every violation. A violation on a
 * return value is the server's fault, so it is a 500 like any other unexpected error.
 */
public class ConstraintViolationProblemMapper {

    private static final Logger LOG = Logger.getLogger(ConstraintViolationProblemMapper.class);
    private static final int BAD_REQUEST = 400;

    @ServerExceptionMapper
    public Response violations(ConstraintViolationException exception, HttpServerRequest request) {
        if (exception.getConstraintViolations().stream().anyMatch(ConstraintViolationProblemMapper::onReturnValue)) {
            LOG.errorf("Response of %s %s violates its constraints: %s", request.method(), request.path(),
                    exception.getMessage());
            return Problems.response(Problems.of(ProblemTypes.INTERNAL, 500, "An unexpected error occurred.",
                    request.path())).build();
        }
        List<Violation> violations = exception.getConstraintViolations().stream()
                .map(ConstraintViolationProblemMapper::toViolation)
                .sorted(Comparator.comparing(Violation::field).thenComparing(Violation::code))
                .toList();
        Problem problem = new Problem(ProblemTypes.VALIDATION, Problems.reasonPhrase(BAD_REQUEST), BAD_REQUEST,
                violations.size() == 1 ? "1 field is invalid." : violations.size() + " fields are invalid.",
                request.path(), violations);
        return Problems.response(problem).build();
    }

    static Violation toViolation(ConstraintViolation<?> violation) {
        return new Violation(fieldOf(violation.getPropertyPath()), violation.getMessage(),
                violation.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName());
    }

    /**
     * {@code create.body.email} → {@code email}; {@code get.tenantId} → {@code tenantId}: the method and the body
     * parameter are Java details, the client knows only its JSON fields and request parameters.
     */
    static String fieldOf(Path path) {
        StringBuilder field = new StringBuilder();
        String parameterName = null;
        for (Path.Node node : path) {
            ElementKind kind = node.getKind();
            if (kind == ElementKind.METHOD || kind == ElementKind.CONSTRUCTOR
                    || kind == ElementKind.CROSS_PARAMETER || kind == ElementKind.RETURN_VALUE) {
                continue;
            }
            if (kind == ElementKind.PARAMETER) {
                parameterName = node.getName();
                continue;
            }
            if (node.getIndex() != null) {
                field.append('[').append(node.getIndex()).append(']');
            } else if (node.getKey() != null) {
                field.append('[').append(node.getKey()).append(']');
            }
            if (kind == ElementKind.PROPERTY && node.getName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(node.getName());
            }
        }
        if (field.isEmpty()) {
            return parameterName == null ? "" : parameterName;
        }
        return field.toString();
    }

    private static boolean onReturnValue(ConstraintViolation<?> violation) {
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.RETURN_VALUE) {
                return true;
            }
        }
        return false;
    }
}

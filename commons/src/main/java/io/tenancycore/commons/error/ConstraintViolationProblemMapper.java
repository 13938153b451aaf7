package io.tenancycore.commons.error;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;
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
 * Bean Validation failures on request input become a 422 problem listing every violation. A violation on a
 * return value is the server's fault, so it is a 500 like any other unexpected error.
 */
public class ConstraintViolationProblemMapper {

    private static final Logger LOG = Logger.getLogger(ConstraintViolationProblemMapper.class);
    private static final int UNPROCESSABLE = 422;

    private final ViolationFieldNames fieldNames;

    public ConstraintViolationProblemMapper(ObjectMapper mapper) {
        this.fieldNames = new ViolationFieldNames(mapper);
    }

    @ServerExceptionMapper
    public Response violations(ConstraintViolationException exception, HttpServerRequest request) {
        if (exception.getConstraintViolations().stream().anyMatch(ConstraintViolationProblemMapper::onReturnValue)) {
            LOG.errorf("Response of %s %s violates its constraints: %s", request.method(), request.path(),
                    exception.getMessage());
            return Problems.response(Problems.of(ProblemTypes.INTERNAL, 500, "An unexpected error occurred.",
                    request.path())).build();
        }
        List<Violation> violations = exception.getConstraintViolations().stream()
                .map(this::toViolation)
                .sorted(Comparator.comparing(Violation::field).thenComparing(Violation::code))
                .toList();
        Problem problem = new Problem(ProblemTypes.VALIDATION, Problems.reasonPhrase(UNPROCESSABLE), UNPROCESSABLE,
                violations.size() == 1 ? "1 field is invalid." : violations.size() + " fields are invalid.",
                request.path(), violations);
        return Problems.response(problem).build();
    }

    /** Quarkus throws its own subclass and maps it itself; this keeps every violation a problem. */
    @ServerExceptionMapper
    public Response quarkusViolations(ResteasyReactiveViolationException exception, HttpServerRequest request) {
        return violations(exception, request);
    }

    private Violation toViolation(ConstraintViolation<?> violation) {
        return new Violation(fieldNames.fieldOf(violation), violation.getMessage(),
                violation.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName());
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

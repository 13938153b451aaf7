package io.tenancycore.commons.error;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.PropertyBindingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Request bodies Jackson cannot read become 400 problems that name the field and what was expected,
 * without echoing parser internals (source locations, class names) to the client.
 */
public class JsonProblemMappers {

    private static final int BAD_REQUEST = 400;

    /** Ahead of Quarkus' own mapper for this type, which answers with plain JSON. */
    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response mismatchedInput(MismatchedInputException exception, HttpServerRequest request) {
        return toResponse(exception, request);
    }

    @ServerExceptionMapper
    public Response unreadableBody(JacksonException exception, HttpServerRequest request) {
        return toResponse(exception, request);
    }

    /** Also used for Jackson failures that Quarkus REST wraps into a 400 {@code WebApplicationException}. */
    static Response toResponse(JacksonException exception, HttpServerRequest request) {
        if (exception instanceof UnrecognizedPropertyException unknown) {
            String field = JsonFieldPaths.of(unknown);
            return badRequest(ProblemTypes.UNKNOWN_FIELD, "Unknown field '" + field + "'.",
                    List.of(new Violation(field, "unknown field", "unknown-field")), request);
        }
        if (exception instanceof PropertyBindingException unbindable) {
            String field = JsonFieldPaths.of(unbindable);
            return badRequest(ProblemTypes.UNKNOWN_FIELD, "Field '" + field + "' cannot be set.",
                    List.of(new Violation(field, "field cannot be set", "unknown-field")), request);
        }
        if (exception instanceof MismatchedInputException mismatched) {
            if (mismatched.getTargetType() == null && mismatched.getPath().isEmpty()) {
                // e.g. a body cut off before its first token
                return badRequest(ProblemTypes.MALFORMED_BODY, "The request body is missing or incomplete.",
                        List.of(), request);
            }
            return wrongType(mismatched, request);
        }
        if (exception instanceof JsonMappingException mapping && !(exception.getCause() instanceof JsonParseException)) {
            String field = JsonFieldPaths.of(mapping);
            return badRequest(ProblemTypes.INVALID_FIELD_TYPE, "The request body cannot be read"
                    + (field.isEmpty() ? "" : " at field '" + field + "'") + ".", List.of(), request);
        }
        return badRequest(ProblemTypes.MALFORMED_BODY, "The request body is not well-formed JSON"
                + location(exception) + ".", List.of(), request);
    }

    private static Response wrongType(MismatchedInputException exception, HttpServerRequest request) {
        String field = JsonFieldPaths.of(exception);
        String expected = JsonFieldPaths.describeType(exception.getTargetType());
        String message = "must be " + expected;
        String detail = field.isEmpty()
                ? "The request body must be " + expected + "."
                : "Field '" + field + "' must be " + expected + ".";
        return badRequest(ProblemTypes.INVALID_FIELD_TYPE, detail,
                field.isEmpty() ? List.of() : List.of(new Violation(field, message, "type")), request);
    }

    private static String location(JacksonException exception) {
        if (exception.getLocation() == null || exception.getLocation().getLineNr() < 1) {
            return "";
        }
        return " (line " + exception.getLocation().getLineNr() + ", column " + exception.getLocation().getColumnNr()
                + ")";
    }

    private static Response badRequest(String type, String detail, List<Violation> violations,
            HttpServerRequest request) {
        Problem problem = new Problem(type, Problems.reasonPhrase(BAD_REQUEST), BAD_REQUEST, detail, request.path(),
                violations);
        return Problems.response(problem).build();
    }
}

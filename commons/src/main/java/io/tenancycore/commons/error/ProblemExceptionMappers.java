package io.tenancycore.commons.error;

import com.fasterxml.jackson.core.JacksonException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns service exceptions, JAX-RS status exceptions and anything unexpected into problem+json.
 * Unexpected failures are logged with a reference id that the client sees instead of the exception's message.
 */
public class ProblemExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ProblemExceptionMappers.class);
    private static final int FORBIDDEN = 403;

    @Inject
    Event<RequestRefused> refusals;

    @ServerExceptionMapper
    public Response problem(ProblemException exception, HttpServerRequest request) {
        Problem problem = exception.toProblem(request.path());
        // cross-tenant refusals are audited where they are decided, with the tenants involved
        if (problem.status() == FORBIDDEN && !ProblemTypes.is(problem.type(), ProblemTypes.CROSS_TENANT_ACCESS)) {
            refusals.fire(new RequestRefused(problem.status(), problem.type(), request.method().name(),
                    request.path(), problem.detail()));
        }
        return Problems.response(problem).build();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException exception, HttpServerRequest request) {
        Response original = exception.getResponse();
        int status = original == null ? Response.Status.INTERNAL_SERVER_ERROR.getStatusCode() : original.getStatus();
        if (status >= 500) {
            return unexpected(exception, request);
        }
        if (exception.getCause() instanceof JacksonException unreadable) {
            return JsonProblemMappers.toResponse(unreadable, request);
        }
        if (status == 404 && exception.getCause() != null && request.query() != null) {
            // JAX-RS answers 404 when a query parameter cannot be converted (?limit=abc); that is bad input
            return Problems.response(Problems.of(ProblemTypes.INVALID_PARAMETER, 400,
                    "A query parameter has the wrong type; see this operation's parameters.", request.path())).build();
        }
        Problem problem = status == 413
                ? Problems.of(ProblemTypes.PAYLOAD_TOO_LARGE, status, "The request body is larger than this service accepts.",
                        request.path())
                : Problems.forStatus(status, clientDetail(exception, status, request), request.path());
        Response.ResponseBuilder response = Problems.response(problem);
        copyHeader(original, response, HttpHeaders.ALLOW);
        copyHeader(original, response, HttpHeaders.WWW_AUTHENTICATE);
        copyHeader(original, response, HttpHeaders.RETRY_AFTER);
        copyHeader(original, response, HttpHeaders.LOCATION);
        return response.build();
    }

    /** A blocking endpoint's body stream over the limit: the client gets a 413, the log no stack trace. */
    @ServerExceptionMapper
    public Response bodyTooLarge(java.io.IOException exception, HttpServerRequest request) {
        if (!"Request too large".equals(exception.getMessage())) {
            return unexpected(exception, request);
        }
        LOG.infof("%s %s refused: request body over the limit", request.method(), request.path());
        return Problems.response(Problems.of(ProblemTypes.PAYLOAD_TOO_LARGE, 413,
                "The request body is larger than this service accepts.", request.path()))
                .header("Connection", "close").build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable exception, HttpServerRequest request) {
        String reference = UUID.randomUUID().toString();
        LOG.errorf(exception, "Unexpected failure on %s %s (reference %s)", request.method(), request.path(), reference);
        Problem problem = new Problem(ProblemTypes.INTERNAL, "Internal Server Error", 500,
                "An unexpected error occurred. Reference: " + reference, request.path(), List.of());
        return Problems.response(problem).build();
    }

    private static String clientDetail(WebApplicationException exception, int status, HttpServerRequest request) {
        // JAX-RS messages of framework exceptions are generic ("HTTP 404 Not Found"), so say something useful instead.
        return switch (status) {
            case 404 -> "No resource at " + request.path() + ".";
            case 405 -> "Method " + request.method() + " is not allowed on " + request.path() + ".";
            case 406 -> "None of the acceptable media types can be produced.";
            case 415 -> "Content type '" + request.getHeader(HttpHeaders.CONTENT_TYPE) + "' is not supported.";
            default -> exception.getMessage() == null || exception.getMessage().startsWith("HTTP " + status)
                    ? Problems.reasonPhrase(status) + "."
                    : exception.getMessage();
        };
    }

    private static void copyHeader(Response original, Response.ResponseBuilder target, String name) {
        if (original != null && original.getHeaders().containsKey(name)) {
            original.getHeaders().get(name).forEach(value -> target.header(name, value));
        }
    }
}

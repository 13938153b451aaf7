package io.tenancycore.commons.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Failures that happen before a request reaches JAX-RS (proactive authentication of a bad token, a body over
 * {@code quarkus.http.limits.max-body-size}) and requests no route serves: answered as problem+json too.
 */
@ApplicationScoped
public class ProblemRouteHandler {

    private static final Logger LOG = Logger.getLogger(ProblemRouteHandler.class);
    private static final int PAYLOAD_TOO_LARGE = 413;
    private static final String BODY_REFUSED = ProblemRouteHandler.class.getName() + ".body-refused";

    private final ObjectMapper objectMapper;

    public ProblemRouteHandler(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    void install(@Observes Router router) {
        // before Quarkus' own failure handlers, which would answer with an empty body
        router.route().order(Integer.MIN_VALUE).failureHandler(this::onFailure);
    }

    void onFailure(RoutingContext context) {
        Throwable failure = context.failure();
        if (context.response().headWritten() || context.response().ended()) {
            // a form body streamed in chunks fails again with every chunk that arrives after the refusal: answered and
            // logged once, the rest is dropped silently
            if (!isBodyTooLarge(failure) && context.get(BODY_REFUSED) == null) {
                context.next();
            }
            return;
        }
        String path = context.request().path();
        if (failure instanceof AuthenticationFailedException || failure instanceof UnauthorizedException
                || failure instanceof AuthenticationCompletionException) {
            if (failure instanceof AuthenticationFailedException authenticationFailed) {
                HttpSecurityUtils.addAuthenticationFailureToEvent(authenticationFailed, context);
            }
            context.response().putHeader(jakarta.ws.rs.core.HttpHeaders.WWW_AUTHENTICATE, SecurityProblemMappers.BEARER_CHALLENGE);
            write(context, SecurityProblemMappers.unauthenticatedProblem(path));
        } else if (failure instanceof ForbiddenException) {
            write(context, Problems.forStatus(403, "You are not allowed to do this.", path));
        } else if (context.statusCode() == PAYLOAD_TOO_LARGE || isBodyTooLarge(failure)) {
            LOG.infof("%s %s refused: request body over the limit", context.request().method(), path);
            // the rest of the body is never read: close the connection so the client stops sending it
            context.put(BODY_REFUSED, Boolean.TRUE);
            context.response().putHeader(HttpHeaders.CONNECTION, "close");
            context.response().endHandler(ignored -> context.request().connection().close());
            write(context, Problems.of(ProblemTypes.PAYLOAD_TOO_LARGE, PAYLOAD_TOO_LARGE,
                    "The request body is larger than this service accepts.", path));
        } else if (failure == null && context.statusCode() >= 400 && context.statusCode() < 500) {
            write(context, Problems.forStatus(context.statusCode(), Problems.reasonPhrase(context.statusCode()) + ".",
                    path));
        } else {
            context.next();
        }
    }

    /** How RESTEasy Reactive's form parser reports an over-long form body: a 413 WebApplicationException. */
    private static boolean isBodyTooLarge(Throwable failure) {
        return failure instanceof jakarta.ws.rs.WebApplicationException web && web.getResponse() != null
                && web.getResponse().getStatus() == PAYLOAD_TOO_LARGE;
    }

    public void write(RoutingContext context, Problem problem) {
        try {
            context.response().setStatusCode(problem.status())
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .end(objectMapper.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            LOG.error("Cannot serialize a problem", e);
            context.response().setStatusCode(problem.status()).end();
        }
    }

}

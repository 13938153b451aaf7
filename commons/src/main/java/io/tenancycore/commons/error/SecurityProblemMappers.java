package io.tenancycore.commons.error;

import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.AuthenticationRedirectException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Quarkus security failures as problems: no or bad credentials → 401 with a Bearer challenge, known caller
 * without the right → 403. Why authentication failed is never told to the client.
 */
public class SecurityProblemMappers {

    static final String BEARER_CHALLENGE = "Bearer";

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException exception, HttpServerRequest request) {
        return unauthenticated(request.path());
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException exception, RoutingContext routingContext) {
        // keeps Quarkus' security events informed, as its own mapper would
        HttpSecurityUtils.addAuthenticationFailureToEvent(exception, routingContext);
        return unauthenticated(routingContext.request().path());
    }

    @ServerExceptionMapper
    public Response authenticationIncomplete(AuthenticationCompletionException exception,
            HttpServerRequest request) {
        return unauthenticated(request.path());
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException exception, HttpServerRequest request) {
        return Problems.response(Problems.forStatus(403, "You are not allowed to do this.", request.path())).build();
    }

    @ServerExceptionMapper
    public Response redirect(AuthenticationRedirectException exception) {
        return Response.status(exception.getCode()).header(HttpHeaders.LOCATION, exception.getRedirectUri()).build();
    }

    static Problem unauthenticatedProblem(String instance) {
        return Problems.of(ProblemTypes.UNAUTHENTICATED, 401, "A valid bearer token is required.", instance);
    }

    private static Response unauthenticated(String instance) {
        return Problems.response(unauthenticatedProblem(instance))
                .header(HttpHeaders.WWW_AUTHENTICATE, BEARER_CHALLENGE).build();
    }
}

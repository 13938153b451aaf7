package io.tenancycore.security.token;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.tenancycore.commons.error.ProblemRouteHandler;
import io.tenancycore.commons.error.ProblemTypes;
import io.tenancycore.commons.error.Problems;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * A token request is a few short form fields: one that declares a body larger than
 * {@code tenancy.security.tokens.request.max-body-bytes} is answered 413 before it is read. (A chunked body without
 * a length is bounded by the service-wide {@code quarkus.http.limits.max-body-size}, and its fields by the caps of
 * {@link TokenService}.)
 */
@ApplicationScoped
public class TokenRequestSizeFilter {

    static final String TOKEN_PATH = "/v1/auth/token";
    /** With commons' body limit: before authentication and any route. */
    private static final int PRIORITY = 790;
    private static final int PAYLOAD_TOO_LARGE = 413;

    @Inject
    TokenConfig config;
    @Inject
    ProblemRouteHandler problems;

    void register(@Observes Filters filters) {
        filters.register(this::check, PRIORITY);
    }

    void check(RoutingContext context) {
        if (context.request().method() == HttpMethod.POST && TOKEN_PATH.equals(context.normalizedPath())
                && declaredLength(context) > config.request().maxBodyBytes()) {
            context.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
            problems.write(context, Problems.of(ProblemTypes.PAYLOAD_TOO_LARGE, PAYLOAD_TOO_LARGE,
                    "A token request body may have at most " + config.request().maxBodyBytes() + " bytes.",
                    context.request().path()));
            return;
        }
        context.next();
    }

    private static long declaredLength(RoutingContext context) {
        String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        try {
            return declared == null ? 0 : Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}

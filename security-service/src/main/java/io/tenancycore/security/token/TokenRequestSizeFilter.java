package io.tenancycore.security.token;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.tenancycore.commons.error.BodyLimitFilter;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * A token request is a few short form fields: one that declares a body larger than
 * {@code tenancy.security.tokens.request.max-body-bytes} is answered 413 before it is read (commons' body limit,
 * tighter on this one route). A chunked body without a length is bounded by the service-wide
 * {@code quarkus.http.limits.max-body-size}, and its fields by the caps of {@link TokenService}.
 */
@ApplicationScoped
public class TokenRequestSizeFilter {

    static final String TOKEN_PATH = "/v1/auth/token";
    /** With commons' body limit: before authentication and any route. */
    private static final int PRIORITY = 790;

    @Inject
    TokenConfig config;
    @Inject
    BodyLimitFilter bodyLimit;

    void register(@Observes Filters filters) {
        filters.register(this::check, PRIORITY);
    }

    void check(RoutingContext context) {
        long limit = config.request().maxBodyBytes();
        if (context.request().method() != HttpMethod.POST || !TOKEN_PATH.equals(context.normalizedPath())
                || !bodyLimit.refuseIfDeclaredOver(context, limit,
                        "A token request body may have at most " + limit + " bytes.")) {
            context.next();
        }
    }
}

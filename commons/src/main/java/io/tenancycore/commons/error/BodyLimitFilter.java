package io.tenancycore.commons.error;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a request whose declared {@code Content-Length} exceeds {@code quarkus.http.limits.max-body-size} with a
 * 413 problem. Quarkus would refuse it too, but with an empty body; bodies without a length (chunked) are cut off by
 * Quarkus while reading and reach {@link ProblemRouteHandler} as a 413 failure.
 */
@ApplicationScoped
public class BodyLimitFilter {

    /** Before authentication: no need to verify a token for a request that is refused anyway. */
    private static final int PRIORITY = 800;
    private static final int PAYLOAD_TOO_LARGE = 413;

    private final Optional<MemorySize> maxBodySize;
    private final ProblemRouteHandler problems;

    public BodyLimitFilter(@ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> maxBodySize,
            ProblemRouteHandler problems) {
        this.maxBodySize = maxBodySize;
        this.problems = problems;
    }

    void register(@Observes Filters filters) {
        maxBodySize.ifPresent(limit -> filters.register(context -> check(context, limit.asLongValue()), PRIORITY));
    }

    void check(RoutingContext context, long limit) {
        if (!refuseIfDeclaredOver(context, limit, "The request body is larger than the " + limit
                + " bytes this service accepts.")) {
            context.next();
        }
    }

    /**
     * Answers 413 when the request declares a body over {@code limit} bytes, before any of it is read; for filters
     * of routes with a tighter limit than the service's. {@code false}: the request may go on.
     */
    public boolean refuseIfDeclaredOver(RoutingContext context, long limit, String detail) {
        String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared == null || !exceeds(declared, limit)) {
            return false;
        }
        // the unread body makes the connection unusable for a next request
        context.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
        problems.write(context, Problems.of(ProblemTypes.PAYLOAD_TOO_LARGE, PAYLOAD_TOO_LARGE, detail,
                context.request().path()));
        return true;
    }

    private static boolean exceeds(String declared, long limit) {
        try {
            return Long.parseLong(declared.trim()) > limit;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}

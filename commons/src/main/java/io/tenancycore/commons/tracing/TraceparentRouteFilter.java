package io.tenancycore.commons.tracing;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;

/**
 * Gives every HTTP request its trace before anything else runs, so that even responses produced before JAX-RS
 * (401 of a bad token, 413) carry a {@code traceparent} the caller can quote.
 */
@ApplicationScoped
public class TraceparentRouteFilter {

    /** Above CORS (300) and authentication (200): the trace must exist when they answer. */
    static final int PRIORITY = 1_000;
    private static final String ROUTING_CONTEXT_KEY = Traceparent.class.getName();

    void register(@Observes Filters filters) {
        filters.register(this::start, PRIORITY);
    }

    void start(RoutingContext context) {
        Traceparent server = Traceparent.continueOrStart(Traceparent.parse(context.request().getHeader(Traceparent.HEADER)));
        context.put(ROUTING_CONTEXT_KEY, server);
        context.response().putHeader(Traceparent.HEADER, server.format());
        context.next();
    }

    /** The trace {@link #start} gave this request. */
    public static Optional<Traceparent> of(RoutingContext context) {
        return Optional.ofNullable(context.get(ROUTING_CONTEXT_KEY));
    }
}

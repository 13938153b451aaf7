package io.tenancycore.commons.tracing;

import io.tenancycore.commons.tenant.LogFields;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Hands the request's trace to CDI ({@link TraceContext}) and to the log MDC as {@code trace_id}. */
public class TraceContextFilter {

    /** Before the tenant filter, which copies the trace id into the TenantContext. */
    public static final int PRIORITY = 900;

    @Inject
    TraceContext traceContext;

    @ServerRequestFilter(priority = PRIORITY, preMatching = true)
    public void enter(RoutingContext routingContext) {
        Traceparent traceparent = TraceparentRouteFilter.of(routingContext).orElseGet(Traceparent::newRoot);
        traceContext.set(traceparent);
        MDC.put(LogFields.TRACE_ID, traceparent.traceId());
    }

    @ServerResponseFilter
    public void leave() {
        MDC.remove(LogFields.TRACE_ID);
    }
}

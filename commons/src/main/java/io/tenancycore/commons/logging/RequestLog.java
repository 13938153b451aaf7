package io.tenancycore.commons.logging;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * One log line per API request, when it ends, with {@code status}, {@code latency_ms}, {@code tenant_id} and
 * {@code trace_id} as fields (DESIGN.md), and the server span's {@code traceparent} on every response so a caller
 * can quote it — also on answers given before JAX-RS runs (401 of a bad token, 413). The trace itself is
 * OpenTelemetry's: it continues the caller's {@code traceparent} or starts one.
 */
@ApplicationScoped
public class RequestLog {

    public static final String TRACEPARENT = "traceparent";
    /** Above CORS (300) and authentication (200), so that their answers are logged and carry the trace too. */
    static final int PRIORITY = 1_000;
    private static final String TENANT_KEY = RequestLog.class.getName() + ".tenant";
    private static final Logger LOG = Logger.getLogger(LogFields.ACCESS_LOGGER);

    @ConfigProperty(name = "tenancy.logging.access-log.enabled", defaultValue = "true")
    boolean enabled;

    void register(@Observes Filters filters) {
        filters.register(this::start, PRIORITY);
    }

    /** Names the tenant a request was attributed to, for its log line (called by the tenant filter). */
    public static void attributeTenant(RoutingContext context, String tenantId) {
        context.put(TENANT_KEY, tenantId);
    }

    void start(RoutingContext context) {
        long started = System.nanoTime();
        SpanContext span = Span.current().getSpanContext();
        if (span.isValid()) {
            context.response().putHeader(TRACEPARENT,
                    "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex());
        }
        if (enabled) {
            context.addEndHandler(ended -> log(context, span, System.nanoTime() - started));
        }
        context.next();
    }

    private static void log(RoutingContext context, SpanContext span, long elapsedNanos) {
        if (!LOG.isInfoEnabled()) {
            return; // the access logger turned down: no fields to fill
        }
        String tenant = context.get(TENANT_KEY);
        MDC.put(LogFields.STATUS, String.valueOf(context.response().getStatusCode()));
        MDC.put(LogFields.LATENCY_MS, String.valueOf(Math.round(elapsedNanos / 10_000.0) / 100.0));
        if (tenant != null) {
            MDC.put(LogFields.TENANT_ID, tenant);
        }
        if (span.isValid()) {
            // under the fields' own names, which the formatter prefers: OpenTelemetry's keys stay untouched
            MDC.put(LogFields.TRACE_ID, span.getTraceId());
            MDC.put(LogFields.SPAN_ID, span.getSpanId());
        }
        try {
            // the path only: query strings can carry what must not be logged
            LOG.infof("%s %s", context.request().method().name(), context.request().path());
        } finally {
            MDC.remove(LogFields.STATUS);
            MDC.remove(LogFields.LATENCY_MS);
            MDC.remove(LogFields.TENANT_ID);
            MDC.remove(LogFields.TRACE_ID);
            MDC.remove(LogFields.SPAN_ID);
        }
    }
}

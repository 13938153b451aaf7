package io.tenancycore.commons.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.tenancycore.commons.tenant.TenantContextFilter;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;

/**
 * {@code tenant_requests_total} and {@code tenant_response_time_seconds} per tenant, method, route template and
 * status. Measured at the HTTP layer so that requests refused before JAX-RS (401, 413) count too.
 */
@ApplicationScoped
public class TenantRequestMetrics {

    public static final String REQUESTS = "tenant.requests";
    public static final String RESPONSE_TIME = "tenant.response.time";
    static final String ROUTE_NOT_FOUND = "NOT_FOUND";
    static final String ROUTE_UNKNOWN = "UNKNOWN";
    private static final int NOT_FOUND = 404;
    /** Right after the request log (1000): the clock starts before authentication. */
    private static final int PRIORITY = 900;

    private final MeterRegistry registry;
    private final TenantTagLimiter tenantTags;
    private final TenantMetricsConfig config;
    private final Duration[] latencyBuckets;

    public TenantRequestMetrics(MeterRegistry registry, TenantTagLimiter tenantTags, TenantMetricsConfig config) {
        this.registry = registry;
        this.tenantTags = tenantTags;
        this.config = config;
        this.latencyBuckets = config.latencyBuckets().toArray(Duration[]::new);
    }

    void register(@Observes Filters filters) {
        filters.register(this::measure, PRIORITY);
    }

    void measure(RoutingContext context) {
        String path = context.request().path();
        if (path != null && config.ignoredPathPrefixes().stream().anyMatch(path::startsWith)) {
            context.next();
            return;
        }
        long start = System.nanoTime();
        context.addEndHandler(ignored -> record(context, System.nanoTime() - start));
        context.next();
    }

    private void record(RoutingContext context, long elapsedNanos) {
        int status = context.response().getStatusCode();
        Tags tags = Tags.of(
                "tenant", tenantTags.tagFor(TenantContextFilter.tenantOf(context).orElse(null)),
                "method", context.request().method().name(),
                "route", RouteTemplateFilter.of(context).orElse(status == NOT_FOUND ? ROUTE_NOT_FOUND : ROUTE_UNKNOWN),
                "status", Integer.toString(status));
        Counter.builder(REQUESTS).description("HTTP requests per tenant").tags(tags).register(registry).increment();
        Timer.builder(RESPONSE_TIME).description("HTTP response time per tenant").tags(tags)
                .serviceLevelObjectives(latencyBuckets)
                .register(registry)
                .record(Duration.ofNanos(elapsedNanos));
    }
}

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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

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
    private final Duration[] latencyBuckets;
    private final String[] ignoredPathPrefixes;
    /**
     * The meters of each label combination, registered once: building and registering them again for every request
     * (tags sorted, ids hashed, the registry's map consulted) showed up in the profile of the hot read paths. Bounded
     * like the labels themselves (tenants capped, route templates and statuses finite).
     */
    private final Map<MeterKey, Meters> meters = new ConcurrentHashMap<>();

    private record MeterKey(String tenant, String method, String route, int status) {
    }

    private record Meters(Counter requests, Timer responseTime) {
    }

    public TenantRequestMetrics(MeterRegistry registry, TenantTagLimiter tenantTags, TenantMetricsConfig config) {
        this.registry = registry;
        this.tenantTags = tenantTags;
        this.latencyBuckets = config.latencyBuckets().toArray(Duration[]::new);
        this.ignoredPathPrefixes = config.ignoredPathPrefixes().toArray(String[]::new);
    }

    void register(@Observes Filters filters) {
        filters.register(this::measure, PRIORITY);
    }

    void measure(RoutingContext context) {
        String path = context.request().path();
        if (path != null && ignored(path)) {
            context.next();
            return;
        }
        long start = System.nanoTime();
        context.addEndHandler(ignored -> record(context, System.nanoTime() - start));
        context.next();
    }

    private boolean ignored(String path) {
        for (String prefix : ignoredPathPrefixes) {
            if (path.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private void record(RoutingContext context, long elapsedNanos) {
        int status = context.response().getStatusCode();
        MeterKey key = new MeterKey(tenantTags.tagFor(TenantContextFilter.tenantOf(context).orElse(null)),
                context.request().method().name(),
                RouteTemplateFilter.of(context).orElse(status == NOT_FOUND ? ROUTE_NOT_FOUND : ROUTE_UNKNOWN), status);
        Meters forKey = meters.computeIfAbsent(key, this::register);
        forKey.requests().increment();
        forKey.responseTime().record(elapsedNanos, TimeUnit.NANOSECONDS);
    }

    private Meters register(MeterKey key) {
        Tags tags = Tags.of("tenant", key.tenant(), "method", key.method(), "route", key.route(), "status",
                Integer.toString(key.status()));
        return new Meters(
                Counter.builder(REQUESTS).description("HTTP requests per tenant").tags(tags).register(registry),
                Timer.builder(RESPONSE_TIME).description("HTTP response time per tenant").tags(tags)
                        .serviceLevelObjectives(latencyBuckets)
                        .register(registry));
    }
}

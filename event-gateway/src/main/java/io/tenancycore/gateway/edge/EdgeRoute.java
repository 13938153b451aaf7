package io.tenancycore.gateway.edge;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.error.Problem;
import io.tenancycore.commons.error.ProblemException;
import io.tenancycore.commons.error.ProblemRouteHandler;
import io.tenancycore.commons.error.Problems;
import io.tenancycore.commons.logging.RequestLog;
import io.tenancycore.commons.metrics.RouteTemplateFilter;
import io.tenancycore.commons.tenant.TenantContext;
import io.tenancycore.gateway.quota.QuotaDecision;
import io.tenancycore.gateway.quota.TenantQuotas;
import io.vertx.core.Context;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * {@code /api/{service}/...}: checks the caller ({@link EdgeAccess}), charges the tenant's quota
 * ({@link TenantQuotas}), then streams the request to the service without the {@code /api/{service}} prefix, with an
 * {@code X-Request-Id} (the caller's, or a new one) and the caller's W3C trace context. Paths of services the gateway
 * does not proxy ({@code /api/events/...}, {@code /api/openapi}) go on to the gateway's own resources.
 */
@ApplicationScoped
public class EdgeRoute {

    public static final String REQUEST_ID = "X-Request-Id";
    static final String FORWARDED_FOR = "X-Forwarded-For";
    static final String WWW_AUTHENTICATE = "WWW-Authenticate";
    static final String BEARER = "Bearer";
    static final String FORWARDED_PROTO = "X-Forwarded-Proto";
    /**
     * Where commons' request metrics ({@code TenantRequestMetrics}) find a request's route template and tenant: the
     * keys {@link RouteTemplateFilter} and {@code TenantContextFilter} use for JAX-RS requests, which proxied requests
     * never reach.
     */
    static final String METRICS_ROUTE_KEY = RouteTemplateFilter.class.getName();
    static final String METRICS_TENANT_KEY = TenantContext.class.getName() + ".tenant";
    private static final int MAX_REQUEST_ID_LENGTH = 200;
    private static final Logger LOG = Logger.getLogger(EdgeRoute.class);

    private final Upstreams upstreams;
    private final EdgeAccess access;
    private final TenantQuotas quotas;
    private final ProblemRouteHandler problems;
    private final Set<String> publicPaths;

    public EdgeRoute(Upstreams upstreams, EdgeAccess access, TenantQuotas quotas, ProblemRouteHandler problems,
            EdgeConfig config) {
        this.upstreams = upstreams;
        this.access = access;
        this.quotas = quotas;
        this.problems = problems;
        this.publicPaths = Set.copyOf(config.publicPaths());
    }

    void install(@Observes Router router) {
        // ahead of the REST resources (which Quarkus mounts after the application's routes), behind authentication
        router.route(EdgePath.PREFIX + "*").handler(this::handle);
    }

    void handle(RoutingContext context) {
        HttpServerRequest request = context.request();
        Optional<EdgePath> parsed = EdgePath.parse(context.normalizedPath(), request.query());
        Optional<Upstream> upstream = parsed.flatMap(path -> upstreams.named(path.service()));
        if (upstream.isEmpty()) {
            context.next();
            return;
        }
        EdgePath path = parsed.get();
        // nothing of the body is read until the service is asked: it streams straight through
        request.pause();
        String requestId = requestId(request);
        context.response().putHeader(REQUEST_ID, requestId);
        context.put(METRICS_ROUTE_KEY, path.routeLabel());
        Context requestContext = context.vertx().getOrCreateContext();

        Uni<Optional<QuotaDecision>> admitted;
        if (publicPaths.contains(context.normalizedPath())) {
            admitted = Uni.createFrom().item(Optional.empty());
        } else {
            admitted = access.check(identity(context), path, sourceIp(request), traceId()).chain(caller -> {
                attributeTenant(context, path.tenant().orElse(caller.tokenTenant()));
                return caller.tokenTenant() == null ? Uni.createFrom().item(Optional.<QuotaDecision>empty())
                        : quotas.charge(caller.tokenTenant());
            });
        }
        admitted.emitOn(task -> requestContext.runOnContext(ignored -> task.run())).subscribe().with(
                decision -> forward(context, upstream.get(), path, requestId, decision),
                failure -> refuse(context, path, failure));
    }

    private void forward(RoutingContext context, Upstream upstream, EdgePath path, String requestId,
            Optional<QuotaDecision> decision) {
        HttpServerRequest request = context.request();
        Map<String, String> headers = new HashMap<>();
        headers.put(REQUEST_ID, requestId);
        String client = sourceIp(request);
        if (client != null) {
            // the edge is the first hop the platform trusts: what a client claims here is replaced
            headers.put(FORWARDED_FOR, client);
        }
        headers.put(FORWARDED_PROTO, request.scheme());
        upstream.send(request, path.upstreamUri(), headers).onComplete(answer -> {
            if (answer.succeeded()) {
                decision.ifPresent(quota -> quota.headers().forEach(answer.result()::putHeader));
                answer.result().putHeader(REQUEST_ID, requestId);
                answer.result().send();
            } else {
                Throwable failure = answer.cause();
                if (failure instanceof Upstream.CallerGone) {
                    LOG.debugf("%s %s: the caller left before %s answered", request.method(), request.path(),
                            upstream.name());
                    return;
                }
                if (failure instanceof CircuitBreakerOpenException) {
                    LOG.debugf("%s: circuit open, %s refused", upstream.name(), request.path());
                } else {
                    LOG.warnf("%s did not answer %s %s: %s", upstream.name(), request.method(), request.path(),
                            failure.toString());
                }
                context.response().putHeader(QuotaDecision.RETRY_AFTER, Long.toString(upstream.retryAfterSeconds()));
                decision.ifPresent(quota -> quota.headers().forEach(context.response()::putHeader));
                write(context, GatewayProblems.upstreamUnavailable(upstream.name()).toProblem(request.path()));
            }
        });
    }

    private void refuse(RoutingContext context, EdgePath path, Throwable failure) {
        // the body will not be read: let it drain so the connection stays usable
        context.request().resume();
        String instance = context.request().path();
        if (failure instanceof TenantQuotas.QuotaExceeded exceeded) {
            exceeded.headers().forEach(context.response()::putHeader);
        }
        if (failure instanceof ProblemException problem) {
            if (problem.status() == 401) {
                context.response().putHeader(WWW_AUTHENTICATE, BEARER);
            }
            write(context, problem.toProblem(instance));
            return;
        }
        LOG.errorf(failure, "request to %s refused: the gateway could not check it", path.service());
        write(context, Problems.forStatus(503, "The gateway cannot check this request right now; try again shortly.",
                instance));
    }

    private void write(RoutingContext context, Problem problem) {
        if (!context.response().ended()) {
            problems.write(context, problem);
        }
    }

    private static void attributeTenant(RoutingContext context, String tenant) {
        if (tenant != null) {
            context.put(METRICS_TENANT_KEY, tenant);
            RequestLog.attributeTenant(context, tenant);
        }
    }

    private static SecurityIdentity identity(RoutingContext context) {
        return context.user() instanceof QuarkusHttpUser user ? user.getSecurityIdentity() : null;
    }

    private static String requestId(HttpServerRequest request) {
        String given = request.getHeader(REQUEST_ID);
        if (given != null && !given.isBlank() && given.length() <= MAX_REQUEST_ID_LENGTH
                && given.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            return given;
        }
        return UUID.randomUUID().toString();
    }

    private static String sourceIp(HttpServerRequest request) {
        return request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
    }

    private static String traceId() {
        SpanContext span = Span.current().getSpanContext();
        return span.isValid() ? span.getTraceId() : null;
    }
}

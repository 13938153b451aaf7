package io.tenancycore.commons.tenant;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.quarkus.arc.ClientProxy;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.tenancycore.commons.error.ProblemException;
import io.tenancycore.commons.error.ProblemTypes;
import io.tenancycore.commons.logging.LogFields;
import io.tenancycore.commons.logging.RequestLog;
import io.tenancycore.commons.token.TokenClaims;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import io.tenancycore.commons.error.Violation;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

/**
 * Fills the {@link TenantContext} from the verified token and the path's tenant, and enforces tenant isolation:
 * a token of tenant A asking for tenant B is refused (403) and the refusal is fired as
 * {@link CrossTenantAccessDenied} for the audit log, unless the caller holds a cross-tenant role.
 */
public class TenantContextFilter {

    /** Early among the JAX-RS filters: before permission checks, which read the context. */
    public static final int PRIORITY = 1_000;
    private static final String ROUTING_CONTEXT_KEY = TenantContext.class.getName() + ".tenant";
    private static final String FORWARDED_FOR = "X-Forwarded-For";
    private static final Logger LOG = Logger.getLogger(TenantContextFilter.class);

    @Inject
    TenantContext tenantContext;
    @Inject
    SecurityIdentity identity;
    @Inject
    TenantFilterConfig config;
    @Inject
    Event<CrossTenantAccessDenied> crossTenantDenials;

    @ServerRequestFilter(priority = PRIORITY)
    public void fill(ResteasyReactiveContainerRequestContext requestContext, RoutingContext routingContext) {
        // One client-proxy lookup for the request-scoped context and none for the identity: a lookup per setter
        // and per identity call was about 3 % of a cached config read (JFR).
        TenantContext context = ClientProxy.unwrap(tenantContext);
        SecurityIdentity caller = routingContext.user() instanceof QuarkusHttpUser user ? user.getSecurityIdentity()
                : identity;
        HttpServerRequest request = routingContext.request();
        context.setSourceIp(() -> sourceIp(request));
        SpanContext trace = Span.current().getSpanContext();
        if (trace.isValid()) {
            context.setTraceId(trace.getTraceId());
        }
        if (!caller.isAnonymous()) {
            context.setSubject(caller.getPrincipal().getName());
            if (caller.getPrincipal() instanceof JsonWebToken token) {
                context.setTokenTenantId(TokenClaims.tenantId(token));
                context.setScopes(TokenClaims.scopes(token));
            }
            context.setRoles(trustedRoles(caller.getRoles(), context.tokenTenantId().orElse(null)));
        }
        String pathTenant = pathParameter(requestContext, config.pathParameter());
        if (pathTenant != null && !TenantIds.isValid(pathTenant)) {
            // checked before the id reaches a log line, a metric label or a Redis key
            throw new ProblemException(ProblemTypes.INVALID_TENANT_ID, 400, "Bad Request",
                    "A tenant id is 3 to 63 characters: a lowercase letter, then lowercase letters, digits, '_' or '-'.",
                    List.of(new Violation(config.pathParameter(), "must match " + TenantIds.PATTERN, "pattern")));
        }
        String tenant = pathTenant != null ? pathTenant : context.tokenTenantId().orElse(null);
        context.setTenantId(tenant);
        if (tenant != null) {
            MDC.put(LogFields.TENANT_ID, tenant);
            routingContext.put(ROUTING_CONTEXT_KEY, tenant);
            RequestLog.attributeTenant(routingContext, tenant);
        }
        if (pathTenant != null && context.isAuthenticated() && !mayActOn(context, pathTenant)) {
            deny(context, pathTenant, request.path());
        }
    }

    /**
     * One path parameter, decoded. {@code UriInfo.getPathParameters()} builds the map of all of them on every call
     * (about 2 % of a cached config read); the request context answers for one name.
     */
    private static String pathParameter(ResteasyReactiveContainerRequestContext requestContext, String name) {
        if (requestContext.getServerRequestContext() instanceof ResteasyReactiveRequestContext serverContext) {
            return serverContext.getPathParameter(name, true);
        }
        return requestContext.getUriInfo().getPathParameters().getFirst(name);
    }

    @ServerResponseFilter
    public void clear() {
        MDC.remove(LogFields.TENANT_ID);
    }

    /** The tenant a request was attributed to, for code that runs outside JAX-RS (e.g. metrics at the HTTP layer). */
    public static Optional<String> tenantOf(RoutingContext routingContext) {
        return Optional.ofNullable(routingContext.get(ROUTING_CONTEXT_KEY));
    }

    private boolean mayActOn(TenantContext context, String pathTenant) {
        if (context.tokenTenantId().filter(pathTenant::equals).isPresent()) {
            return true;
        }
        Set<String> roles = context.roles();
        return context.isPlatformClient() && config.crossTenantRoles().stream().anyMatch(roles::contains);
    }

    /**
     * Cross-tenant roles belong to platform clients only (DESIGN.md): a token that names a tenant and still carries
     * one was not issued by a correct security-service, so the role is dropped rather than honoured.
     */
    private Set<String> trustedRoles(Set<String> roles, String tokenTenant) {
        if (tokenTenant == null || Collections.disjoint(roles, config.crossTenantRoles())) {
            return roles;
        }
        LOG.warnf("token of tenant %s carries a cross-tenant role; the role is ignored", tokenTenant);
        Set<String> kept = new HashSet<>(roles);
        kept.removeAll(config.crossTenantRoles());
        return kept;
    }

    private void deny(TenantContext context, String requestedTenant, String path) {
        String subject = context.subject().orElse(null);
        String tokenTenant = context.tokenTenantId().orElse(null);
        LOG.warnf("Cross-tenant access refused: subject %s of tenant %s asked for tenant %s at %s", subject,
                tokenTenant, requestedTenant, path);
        crossTenantDenials.fire(new CrossTenantAccessDenied(subject, tokenTenant, requestedTenant, path,
                context.sourceIp().orElse(null), context.traceId().orElse(null)));
        throw ProblemException.forbidden(ProblemTypes.CROSS_TENANT_ACCESS,
                "This token may not access tenant '" + requestedTenant + "'.");
    }

    private String sourceIp(HttpServerRequest request) {
        if (config.trustForwardedFor()) {
            String forwarded = request.getHeader(FORWARDED_FOR);
            if (forwarded != null && !forwarded.isBlank()) {
                return forwarded.split(",")[0].trim();
            }
        }
        return request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
    }
}

package io.tenancycore.commons.tenant;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.tenancycore.commons.error.ProblemException;
import io.tenancycore.commons.error.ProblemTypes;
import io.tenancycore.commons.logging.LogFields;
import io.tenancycore.commons.logging.RequestLog;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.UriInfo;
import io.tenancycore.commons.error.Violation;
import jakarta.json.JsonString;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Fills the {@link TenantContext} from the verified token and the path's tenant, and enforces tenant isolation:
 * a token of tenant A asking for tenant B is refused (403) and the refusal is fired as
 * {@link CrossTenantAccessDenied} for the audit log, unless the caller holds a cross-tenant role.
 */
public class TenantContextFilter {

    /** Early among the JAX-RS filters: before permission checks, which read the context. */
    public static final int PRIORITY = 1_000;
    static final String TENANT_CLAIM = "tenant_id";
    static final String SCOPE_CLAIM = "scope";
    private static final String ROUTING_CONTEXT_KEY = TenantContext.class.getName() + ".tenant";
    private static final String FORWARDED_FOR = "X-Forwarded-For";
    private static final Logger LOG = Logger.getLogger(TenantContextFilter.class);
    private static final Pattern SCOPE_SEPARATOR = Pattern.compile("\\s+");

    @Inject
    TenantContext tenantContext;
    @Inject
    SecurityIdentity identity;
    @Inject
    TenantFilterConfig config;
    @Inject
    Event<CrossTenantAccessDenied> crossTenantDenials;

    @ServerRequestFilter(priority = PRIORITY)
    public void fill(UriInfo uriInfo, RoutingContext routingContext) {
        HttpServerRequest request = routingContext.request();
        tenantContext.setSourceIp(sourceIp(request));
        SpanContext trace = Span.current().getSpanContext();
        if (trace.isValid()) {
            tenantContext.setTraceId(trace.getTraceId());
        }
        if (!identity.isAnonymous()) {
            tenantContext.setSubject(identity.getPrincipal().getName());
            if (identity.getPrincipal() instanceof JsonWebToken token) {
                tenantContext.setTokenTenantId(token.getClaim(TENANT_CLAIM));
                tenantContext.setScopes(scopes(token));
            }
            tenantContext.setRoles(trustedRoles(identity.getRoles(), tenantContext.tokenTenantId().orElse(null)));
        }
        String pathTenant = uriInfo.getPathParameters().getFirst(config.pathParameter());
        if (pathTenant != null && !TenantIds.isValid(pathTenant)) {
            // checked before the id reaches a log line, a metric label or a Redis key
            throw new ProblemException(ProblemTypes.INVALID_TENANT_ID, 400, "Bad Request",
                    "A tenant id is 3 to 63 characters: a lowercase letter, then lowercase letters, digits, '_' or '-'.",
                    List.of(new Violation(config.pathParameter(), "must match " + TenantIds.PATTERN, "pattern")));
        }
        String tenant = pathTenant != null ? pathTenant : tenantContext.tokenTenantId().orElse(null);
        tenantContext.setTenantId(tenant);
        if (tenant != null) {
            MDC.put(LogFields.TENANT_ID, tenant);
            routingContext.put(ROUTING_CONTEXT_KEY, tenant);
            RequestLog.attributeTenant(routingContext, tenant);
        }
        if (pathTenant != null && tenantContext.isAuthenticated() && !mayActOn(pathTenant)) {
            deny(pathTenant, request.path());
        }
    }

    @ServerResponseFilter
    public void clear() {
        MDC.remove(LogFields.TENANT_ID);
    }

    /** The tenant a request was attributed to, for code that runs outside JAX-RS (e.g. metrics at the HTTP layer). */
    public static Optional<String> tenantOf(RoutingContext routingContext) {
        return Optional.ofNullable(routingContext.get(ROUTING_CONTEXT_KEY));
    }

    private boolean mayActOn(String pathTenant) {
        if (tenantContext.tokenTenantId().filter(pathTenant::equals).isPresent()) {
            return true;
        }
        Set<String> roles = tenantContext.roles();
        return tenantContext.isPlatformClient() && config.crossTenantRoles().stream().anyMatch(roles::contains);
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

    private static Set<String> scopes(JsonWebToken token) {
        Object scope = token.getClaim(SCOPE_CLAIM);
        if (scope == null) {
            return Set.of();
        }
        String text = scope instanceof JsonString json ? json.getString() : scope.toString();
        // compiled once: String.split with a regex compiles it again on every request
        return SCOPE_SEPARATOR.splitAsStream(text.trim()).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    private void deny(String requestedTenant, String path) {
        String subject = tenantContext.subject().orElse(null);
        String tokenTenant = tenantContext.tokenTenantId().orElse(null);
        LOG.warnf("Cross-tenant access refused: subject %s of tenant %s asked for tenant %s at %s", subject,
                tokenTenant, requestedTenant, path);
        crossTenantDenials.fire(new CrossTenantAccessDenied(subject, tokenTenant, requestedTenant, path,
                tenantContext.sourceIp().orElse(null), tenantContext.traceId().orElse(null)));
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

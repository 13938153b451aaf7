package io.tenancycore.gateway.edge;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request path of the edge, {@code /api/{service}/v1/...}, taken apart: which service, what to ask it (the path
 * without {@code /api/{service}}, query kept), and the tenant the path names ({@code /v1/tenants/{tenantId}/...}).
 * Built from the normalized path, so {@code ..} segments cannot make the service see another tenant than the gateway
 * checked.
 *
 * @param tenantSegment the raw segment after {@code /v1/tenants/}; not validated here
 */
public record EdgePath(String service, String upstreamUri, String tenantSegment) {

    public static final String PREFIX = "/api/";
    private static final Pattern SERVICE_PATH = Pattern.compile("^/api/([a-z][a-z0-9-]*)(/.*)?$");
    private static final Pattern TENANT_PATH = Pattern.compile("^/v\\d+/tenants/([^/]+)(/.*)?$");
    /**
     * Last segments of {@code /v1/tenants/<segment>} that name an action on the tenant registry, not a tenant
     * (config-service's {@code POST /v1/tenants/validate}): no tenant to isolate; the service checks the caller.
     */
    private static final Set<String> REGISTRY_ACTIONS = Set.of("validate");

    /** Empty when the path is not {@code /api/{service}[/...]}. */
    public static Optional<EdgePath> parse(String normalizedPath, String query) {
        Matcher service = SERVICE_PATH.matcher(normalizedPath);
        if (!service.matches()) {
            return Optional.empty();
        }
        String rest = service.group(2) == null || service.group(2).isEmpty() ? "/" : service.group(2);
        Matcher tenant = TENANT_PATH.matcher(rest);
        String uri = query == null || query.isEmpty() ? rest : rest + "?" + query;
        boolean tenantScoped = tenant.matches()
                && !(tenant.group(2) == null && REGISTRY_ACTIONS.contains(tenant.group(1)));
        return Optional.of(new EdgePath(service.group(1), uri, tenantScoped ? tenant.group(1) : null));
    }

    public Optional<String> tenant() {
        return Optional.ofNullable(tenantSegment);
    }

    /**
     * The {@code route} label of request metrics: the service and whether the path is tenant-scoped, never the raw
     * path (ids would make the label unbounded).
     */
    public String routeLabel() {
        return PREFIX + service + (tenantSegment == null ? "/**" : "/v1/tenants/{tenantId}/**");
    }
}

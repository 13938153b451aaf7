package io.tenancycore.commons.tenantstatus;

import io.quarkus.arc.ClientProxy;
import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.error.ProblemException;
import io.tenancycore.commons.error.ProblemTypes;
import io.tenancycore.commons.tenant.TenantContext;
import io.tenancycore.commons.tenant.TenantContextFilter;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ResourceInfo;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses requests for tenants that may not be served (DESIGN.md): an unknown tenant is 404 for everyone; a
 * suspended or deleted tenant's own clients get 403, so their live tokens stop working as soon as the status event
 * arrives; platform clients may still read (and reactivate) a suspended tenant, but write nothing to a deleted one.
 */
public class TenantStatusFilter {

    /** After the tenant context and isolation check; before permission checks. */
    public static final int PRIORITY = TenantContextFilter.PRIORITY + 50;
    private static final Map<Method, Boolean> EXEMPT_METHODS = new ConcurrentHashMap<>();
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    @Inject
    TenantContext tenantContext;
    @Inject
    TenantDirectory directory;

    @ServerRequestFilter(priority = PRIORITY)
    public Uni<Void> check(ResourceInfo resource, HttpServerRequest request) {
        TenantContext context = ClientProxy.unwrap(tenantContext); // one proxy lookup, not one per call
        String tenant = context.tenantId().orElse(null);
        if (tenant == null || !context.isAuthenticated() || exempt(resource)) {
            return null;
        }
        TenantProfile known = directory.knownProfile(tenant).orElse(null);
        if (known != null) {
            // decided now: returning a Uni would suspend and resume the request for an answer already at hand
            refuseUnlessServed(context, tenant, known.status(), request.method());
            return null;
        }
        return directory.statusOf(tenant)
                .invoke(status -> refuseUnlessServed(context, tenant, status, request.method()))
                .replaceWithVoid();
    }

    private static void refuseUnlessServed(TenantContext context, String tenant, TenantStatus status,
            HttpMethod method) {
        if (status == TenantStatus.UNKNOWN) {
            throw new ProblemException(ProblemTypes.TENANT_NOT_FOUND, 404, "Not Found",
                    "No tenant '" + tenant + "' is registered.", List.of());
        }
        if (context.isPlatformClient()) {
            if (status == TenantStatus.DELETED && !SAFE.contains(method)) {
                throw new ProblemException(ProblemTypes.TENANT_DELETED, 409, "Conflict",
                        "Tenant '" + tenant + "' is deleted; nothing can be written for it.", List.of());
            }
            return;
        }
        if (!status.servesTenantClients()) {
            String type = status == TenantStatus.DELETED ? ProblemTypes.TENANT_DELETED : ProblemTypes.TENANT_SUSPENDED;
            throw ProblemException.forbidden(type, "Tenant '" + tenant + "' is " + status.name().toLowerCase(
                    java.util.Locale.ROOT) + "; its clients are refused until a platform administrator reactivates it.");
        }
    }

    private static boolean exempt(ResourceInfo resource) {
        if (resource == null || resource.getResourceClass() == null) {
            return false;
        }
        Method method = resource.getResourceMethod();
        if (method == null) {
            return resource.getResourceClass().isAnnotationPresent(AnyTenantStatus.class);
        }
        // remembered per method: reading annotations by reflection on every request was ~1 % of a cached read
        return EXEMPT_METHODS.computeIfAbsent(method, m -> resource.getResourceClass().isAnnotationPresent(
                AnyTenantStatus.class) || m.isAnnotationPresent(AnyTenantStatus.class));
    }
}

package io.tenancycore.commons.tenantstatus;

import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.error.ProblemException;
import io.tenancycore.commons.error.ProblemTypes;
import io.tenancycore.commons.tenant.TenantContext;
import io.tenancycore.commons.tenant.TenantContextFilter;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ResourceInfo;
import java.util.List;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses requests for tenants that may not be served (DESIGN.md): an unknown tenant is 404 for everyone; a
 * suspended or deleted tenant's own clients get 403, so their live tokens stop working as soon as the status event
 * arrives; platform clients may still read (and reactivate) a suspended tenant, but write nothing to a deleted one.
 */
public class TenantStatusFilter {

    /** After the tenant context and isolation check; before permission checks. */
    public static final int PRIORITY = TenantContextFilter.PRIORITY + 50;
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    @Inject
    TenantContext tenantContext;
    @Inject
    TenantDirectory directory;

    @ServerRequestFilter(priority = PRIORITY)
    public Uni<Void> check(ResourceInfo resource, HttpServerRequest request) {
        String tenant = tenantContext.tenantId().orElse(null);
        if (tenant == null || !tenantContext.isAuthenticated() || exempt(resource)) {
            return null;
        }
        TenantProfile known = directory.knownProfile(tenant).orElse(null);
        if (known != null) {
            // decided now: returning a Uni would suspend and resume the request for an answer already at hand
            refuseUnlessServed(tenant, known.status(), request.method());
            return null;
        }
        return directory.statusOf(tenant).invoke(status -> refuseUnlessServed(tenant, status, request.method()))
                .replaceWithVoid();
    }

    private void refuseUnlessServed(String tenant, TenantStatus status, HttpMethod method) {
        if (status == TenantStatus.UNKNOWN) {
            throw new ProblemException(ProblemTypes.TENANT_NOT_FOUND, 404, "Not Found",
                    "No tenant '" + tenant + "' is registered.", List.of());
        }
        if (tenantContext.isPlatformClient()) {
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
        return resource.getResourceClass().isAnnotationPresent(AnyTenantStatus.class)
                || resource.getResourceMethod() != null
                        && resource.getResourceMethod().isAnnotationPresent(AnyTenantStatus.class);
    }
}

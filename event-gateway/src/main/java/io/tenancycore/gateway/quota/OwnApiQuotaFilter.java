package io.tenancycore.gateway.quota;

import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.tenant.TenantContext;
import io.tenancycore.commons.tenantstatus.TenantStatusFilter;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * The gateway's own API (the event bus) counts against the tenant's hourly quota like the proxied ones: charged after
 * the tenant and its status are checked, refused with 429, and every answer carries the {@code RateLimit-*} headers.
 */
public class OwnApiQuotaFilter {

    private static final String DECISION = QuotaDecision.class.getName();

    @Inject
    TenantContext tenantContext;
    @Inject
    TenantQuotas quotas;

    @ServerRequestFilter(priority = TenantStatusFilter.PRIORITY + 50)
    public Uni<Void> charge(ContainerRequestContext request) {
        String tenant = tenantContext.tokenTenantId().orElse(null);
        if (tenant == null || !tenantContext.isAuthenticated()) {
            return null;
        }
        return quotas.charge(tenant)
                .invoke(decision -> decision.ifPresent(admitted -> request.setProperty(DECISION, admitted)))
                .onFailure(TenantQuotas.QuotaExceeded.class)
                .invoke(exceeded -> request.setProperty(DECISION, ((TenantQuotas.QuotaExceeded) exceeded).decision()))
                .replaceWithVoid();
    }

    @ServerResponseFilter
    public void headers(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(DECISION) instanceof QuotaDecision decision) {
            decision.headers().forEach(response.getHeaders()::putSingle);
        }
    }
}

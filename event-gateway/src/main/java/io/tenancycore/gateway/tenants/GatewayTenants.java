package io.tenancycore.gateway.tenants;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.tenantstatus.CachedTenantDirectory;
import io.tenancycore.commons.tenantstatus.TenantDirectory;
import io.tenancycore.commons.tenantstatus.TenantProfile;
import io.tenancycore.commons.tenantstatus.TenantRegistryApi;
import io.tenancycore.commons.tenantstatus.TenantStatusConfig;
import io.tenancycore.gateway.quota.QuotaConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.ws.rs.WebApplicationException;
import java.util.Map;
import java.util.OptionalLong;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * What the gateway knows of each tenant, from one cached read of its document in config-service's registry: the
 * status (commons' {@link TenantDirectory}, which this bean replaces for the gateway) and the hourly API quota
 * ({@code api_quota_per_hour}), which commons' profile does not carry. Both come from the same read, so a
 * {@code tenant.updated} event that makes the directory read the tenant again refreshes the quota too.
 */
@ApplicationScoped
public class GatewayTenants {

    static final String API_QUOTA_PER_HOUR = "api_quota_per_hour";
    private static final int NOT_FOUND = 404;

    private final TenantDirectory directory;
    private final Cache<String, Long> quotas;
    private final OptionalLong defaultQuota;

    public GatewayTenants(TenantStatusConfig statusConfig, QuotaConfig quotaConfig,
            @RestClient Instance<TenantRegistryApi> registry) {
        this.defaultQuota = quotaConfig.defaultPerHour();
        this.quotas = Caffeine.newBuilder().maximumSize(statusConfig.cacheMaxSize()).build();
        this.directory = statusConfig.source() == TenantStatusConfig.Source.NONE
                ? TenantDirectory.EVERY_TENANT_ACTIVE
                : new CachedTenantDirectory(tenant -> registry.get().tenant(tenant)
                        .invoke(document -> rememberQuota(tenant, document))
                        .map(TenantProfile::fromDocument)
                        .onFailure(GatewayTenants::isNotFound).recoverWithItem(TenantProfile.UNKNOWN), statusConfig);
    }

    @Produces
    @Singleton
    TenantDirectory tenantDirectory() {
        return directory;
    }

    /** The tenant's requests per hour; empty: not limited. */
    public Uni<OptionalLong> hourlyQuota(String tenantId) {
        return directory.profileOf(tenantId).map(ignored -> {
            Long quota = quotas.getIfPresent(tenantId);
            return quota != null ? OptionalLong.of(quota) : defaultQuota;
        });
    }

    private void rememberQuota(String tenantId, Map<String, Object> document) {
        Object quota = document.get(API_QUOTA_PER_HOUR);
        if (quota instanceof Number number && number.longValue() > 0) {
            quotas.put(tenantId, number.longValue());
        } else {
            quotas.invalidate(tenantId);
        }
    }

    private static boolean isNotFound(Throwable failure) {
        return failure instanceof WebApplicationException web && web.getResponse() != null
                && web.getResponse().getStatus() == NOT_FOUND;
    }
}

package io.tenancycore.security.tenants;

import io.tenancycore.commons.tenantstatus.CachedTenantDirectory;
import io.tenancycore.commons.tenantstatus.TenantDirectory;
import io.tenancycore.commons.tenantstatus.TenantStatusConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * security-service asks config-service for tenant statuses like every service, cached the same way, but with a
 * token it signs itself ({@link ConfigServiceTenants}).
 */
@ApplicationScoped
public class SelfSignedTenantDirectory {

    @Produces
    @Singleton
    TenantDirectory tenantDirectory(TenantStatusConfig config, @RestClient Instance<ConfigServiceTenants> registry) {
        if (config.source() == TenantStatusConfig.Source.NONE) {
            return TenantDirectory.EVERY_TENANT_ACTIVE;
        }
        return new CachedTenantDirectory(CachedTenantDirectory.registryLookup(registry.get()::tenant), config);
    }
}

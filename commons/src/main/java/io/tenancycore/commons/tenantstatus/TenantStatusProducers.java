package io.tenancycore.commons.tenantstatus;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * The {@link TenantDirectory} of a service: {@code tenancy.tenant-status.source=registry} asks config-service,
 * {@code none} (default, module tests) treats every tenant as active. config-service replaces the bean with one that
 * reads its own registry; security-service with one that calls config-service with a token it signs itself. The
 * others' registry calls carry their own client-credentials token ({@link TenantRegistryApi}).
 */
@ApplicationScoped
public class TenantStatusProducers {

    private static final Logger LOG = Logger.getLogger(TenantStatusProducers.class);

    @Produces
    @DefaultBean
    @Singleton
    TenantDirectory tenantDirectory(TenantStatusConfig config, @RestClient Instance<TenantRegistryApi> registry) {
        if (config.source() == TenantStatusConfig.Source.NONE) {
            return TenantDirectory.EVERY_TENANT_ACTIVE;
        }
        LOG.info("tenant statuses come from config-service's registry");
        return new CachedTenantDirectory(CachedTenantDirectory.registryLookup(registry.get()::tenant), config);
    }
}

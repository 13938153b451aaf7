package io.tenancycore.config.tenant;

import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.tenantstatus.CachedTenantDirectory;
import io.tenancycore.commons.tenantstatus.TenantDirectory;
import io.tenancycore.commons.tenantstatus.TenantProfile;
import io.tenancycore.commons.tenantstatus.TenantStatus;
import io.tenancycore.commons.tenantstatus.TenantStatusConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import io.tenancycore.config.support.Json;
import java.util.Map;

/**
 * config-service's own answer to "what is this tenant's status, features and quota?": its registry in Redis, cached
 * like every other service's copy and kept current by the same {@code tenancy.tenants} events (other replicas write too).
 */
@ApplicationScoped
public class RegistryTenantDirectory {

    @Produces
    @Singleton
    TenantDirectory tenantDirectory(TenantStatusConfig config, TenantStore store) {
        if (config.source() == TenantStatusConfig.Source.NONE) {
            return TenantDirectory.EVERY_TENANT_ACTIVE;
        }
        return new CachedTenantDirectory(tenant -> store.get(tenant).map(record -> record == null
                ? TenantProfile.UNKNOWN
                : TenantProfile.fromDocument(TenantStatus.ofWireName(record.status().wireName()),
                        documentOf(record))), config);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> documentOf(TenantRecord record) {
        return Json.mapper().convertValue(record.document(), Map.class);
    }
}

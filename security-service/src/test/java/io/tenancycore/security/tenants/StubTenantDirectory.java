package io.tenancycore.security.tenants;

import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.tenantstatus.TenantDirectory;
import io.tenancycore.commons.tenantstatus.TenantProfile;
import io.tenancycore.commons.tenantstatus.TenantStatus;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** config-service's registry as a test sets it: tenants it did not register are unknown. */
@Alternative
@Singleton
public class StubTenantDirectory implements TenantDirectory {

    public static final Map<String, TenantStatus> STATUSES = new ConcurrentHashMap<>();

    @Override
    public Uni<TenantProfile> profileOf(String tenantId) {
        TenantStatus status = STATUSES.getOrDefault(tenantId, TenantStatus.UNKNOWN);
        return Uni.createFrom().item(status == TenantStatus.UNKNOWN ? TenantProfile.UNKNOWN
                : TenantProfile.UNRESTRICTED.withStatus(status));
    }
}

package io.tenancycore.commons.tenantstatus;

import io.smallrye.mutiny.Uni;

/**
 * Answers "what is this tenant's status, which features does it have, what may it store?" for the request filters,
 * token issue, feature gates and storage quotas, from one cached read of the tenant document.
 */
public interface TenantDirectory {

    /**
     * {@code tenancy.tenant-status.source=none}: every tenant counts as active, with every feature and no storage
     * quota (module tests, a service run without config-service).
     */
    TenantDirectory EVERY_TENANT_ACTIVE = tenant -> Uni.createFrom().item(TenantProfile.UNRESTRICTED);

    Uni<TenantProfile> profileOf(String tenantId);

    default Uni<TenantStatus> statusOf(String tenantId) {
        return profileOf(tenantId).map(TenantProfile::status);
    }
}

package io.tenancycore.commons.tenantstatus;

import io.smallrye.mutiny.Uni;
import java.util.Optional;

/**
 * Answers "what is this tenant's status, which features does it have, what may it store?" for the request filters,
 * token issue, feature gates and storage quotas, from one cached read of the tenant document.
 */
public interface TenantDirectory {

    /**
     * {@code tenancy.tenant-status.source=none}: every tenant counts as active, with every feature and no storage
     * quota (module tests, a service run without config-service).
     */
    TenantDirectory EVERY_TENANT_ACTIVE = new TenantDirectory() {
        @Override
        public Uni<TenantProfile> profileOf(String tenantId) {
            return Uni.createFrom().item(TenantProfile.UNRESTRICTED);
        }

        @Override
        public Optional<TenantProfile> knownProfile(String tenantId) {
            return Optional.of(TenantProfile.UNRESTRICTED);
        }
    };

    Uni<TenantProfile> profileOf(String tenantId);

    /**
     * The profile if it is at hand without waiting (cached and fresh); empty means "ask {@link #profileOf}". Lets the
     * request filter decide without suspending the request, the common case.
     */
    default Optional<TenantProfile> knownProfile(String tenantId) {
        return Optional.empty();
    }

    default Uni<TenantStatus> statusOf(String tenantId) {
        return profileOf(tenantId).map(TenantProfile::status);
    }
}

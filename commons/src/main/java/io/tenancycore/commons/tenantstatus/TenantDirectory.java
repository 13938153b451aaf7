package io.tenancycore.commons.tenantstatus;

import io.smallrye.mutiny.Uni;

/** Answers "what is this tenant's status?" for the request filter and for token issue. */
public interface TenantDirectory {

    /** {@code tenancy.tenant-status.source=none}: every tenant counts as active (module tests, no config-service). */
    TenantDirectory EVERY_TENANT_ACTIVE = tenant -> Uni.createFrom().item(TenantStatus.ACTIVE);

    Uni<TenantStatus> statusOf(String tenantId);
}

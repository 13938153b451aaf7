package io.tenancycore.commons.tenantstatus;

import io.smallrye.mutiny.Uni;

/** Answers "what is this tenant's status?" for the request filter and for token issue. */
public interface TenantDirectory {

    Uni<TenantStatus> statusOf(String tenantId);
}

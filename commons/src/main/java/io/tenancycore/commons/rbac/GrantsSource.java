package io.tenancycore.commons.rbac;

import io.smallrye.mutiny.Uni;

/** Where a tenant's RBAC view comes from. */
@FunctionalInterface
public interface GrantsSource {

    Uni<RbacView> view(String tenantId);
}

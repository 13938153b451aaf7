package io.tenancycore.commons.rbac;

import io.smallrye.mutiny.Uni;
import java.util.List;

/** Where a tenant's role grants come from. */
@FunctionalInterface
public interface GrantsSource {

    Uni<List<RoleGrants>> grants(String tenantId);
}

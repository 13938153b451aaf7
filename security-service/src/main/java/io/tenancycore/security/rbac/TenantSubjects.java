package io.tenancycore.security.rbac;

import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Map;

/**
 * The subjects a tenant's clients are and the roles each client was given at creation: part of the RBAC view. The
 * client store implements it (package {@code token} depends on {@code rbac}, never the other way round).
 */
public interface TenantSubjects {

    /** Client id → the client's own roles, for every client of the tenant. */
    Uni<Map<String, List<String>>> clientRoles(String tenantId);
}

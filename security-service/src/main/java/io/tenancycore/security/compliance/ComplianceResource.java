package io.tenancycore.security.compliance;

import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.permission.RequiresPermission;
import io.tenancycore.commons.validation.TenantId;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The compliance report needs {@code audit:read}: it is an auditor's view (the default {@code auditor} role holds
 * it, {@code tenant-user} does not) and it includes the audit chain verification, which needs the same permission.
 */
@Path("/v1/tenants/{tenantId}/compliance")
@Tag(name = "Policies")
@Produces(MediaType.APPLICATION_JSON)
public class ComplianceResource {

    @Inject
    ComplianceService compliance;

    @GET
    @RequiresPermission("audit:read")
    @Operation(summary = "Evaluate the tenant's keys, clients, tokens, signing key, audit chain and roles against its "
            + "security policy; each control passes or fails with evidence")
    public Uni<ComplianceReport> evaluate(@PathParam("tenantId") @TenantId String tenantId) {
        return compliance.evaluate(tenantId);
    }
}

package io.tenancycore.security.audit;

import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.error.ProblemException;
import io.tenancycore.commons.error.Violation;
import io.tenancycore.commons.permission.RequiresPermission;
import io.tenancycore.commons.validation.TenantId;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/tenants/{tenantId}/audit")
@Tag(name = "Audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    @Inject
    AuditTrail trail;

    @GET
    @RequiresPermission("audit:read")
    @Operation(summary = "Search the tenant's audit trail (oldest first, paginated with 'after')")
    public Uni<AuditTrail.Page> search(@PathParam("tenantId") @TenantId String tenantId,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("actor") String actor,
            @QueryParam("action") String action,
            @QueryParam("outcome") @Pattern(regexp = "^(success|failure|denied)$") String outcome,
            @QueryParam("after") @DefaultValue("0") @Min(0) long after,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit) {
        return trail.search(tenantId, new AuditTrail.Query(instant(from, "from"), instant(to, "to"), actor, action,
                outcome, after, limit));
    }

    @GET
    @Path("/verify")
    @RequiresPermission("audit:read")
    @Operation(summary = "Recompute the hash chain and name the first broken entry")
    public Uni<AuditTrail.Verification> verify(@PathParam("tenantId") @TenantId String tenantId) {
        return trail.verify(tenantId);
    }

    private static Instant instant(String text, String field) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("Invalid time.", List.of(new Violation(field,
                    "must be an ISO-8601 instant, e.g. 2025-01-31T12:00:00Z", "format")));
        }
    }
}

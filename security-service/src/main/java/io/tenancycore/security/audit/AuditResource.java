package io.tenancycore.security.audit;

import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.error.ProblemException;
import io.tenancycore.commons.error.ProblemTypes;
import io.tenancycore.commons.error.Violation;
import io.tenancycore.commons.permission.RequiresPermission;
import io.tenancycore.commons.validation.TenantId;
import io.tenancycore.commons.api.PageRequest;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
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

    static final int DEFAULT_VERIFY_WINDOW = 5000;

    @GET
    @RequiresPermission("audit:read")
    @Operation(summary = "Search the tenant's audit trail (oldest first; `action` matches an action or a dotted "
            + "prefix such as `config.`; paged with `cursor`/`next_cursor`)")
    public Uni<AuditTrail.Page> search(@PathParam("tenantId") @TenantId String tenantId,
            @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("actor") @Size(max = AuditRecordBounds.MAX_ACTOR) String actor,
            @QueryParam("action") @Size(max = AuditRecordBounds.MAX_ACTION) String action,
            @QueryParam("outcome") @Pattern(regexp = "^(success|failure|denied)$") String outcome,
            @BeanParam PageRequest page) {
        return trail.search(tenantId, new AuditTrail.Query(instant(from, "from"), instant(to, "to"), actor, action,
                outcome, seq(page.cursor(), "cursor"), page.limit()));
    }

    @GET
    @Path("/verify")
    @RequiresPermission("audit:read")
    @Operation(summary = "Check the keyed chain (a window of entries per call, paged with `cursor`/`next_cursor`) and "
            + "its end against the checkpoint; name the first broken entry. `anchor_seq` and `anchor_link` (from an "
            + "earlier answer's checkpoint) also check that the chain still holds that entry.")
    public Uni<AuditTrail.Verification> verify(@PathParam("tenantId") @TenantId String tenantId,
            @QueryParam("cursor") String cursor,
            @QueryParam("limit") String limitText, @QueryParam("anchor_seq") String anchorSeqText,
            @QueryParam("anchor_link") @Pattern(regexp = "^[0-9a-f]{64}$") String anchorLink) {
        int limit = limitText == null || limitText.isEmpty() ? DEFAULT_VERIFY_WINDOW
                : (int) number(limitText, "limit", 1, AuditVerifier.MAX_WINDOW);
        Long anchorSeq = anchorSeqText == null ? null : number(anchorSeqText, "anchor_seq", 1, Long.MAX_VALUE);
        if ((anchorSeq == null) != (anchorLink == null)) {
            throw ProblemException.badRequest("Incomplete anchor.", List.of(new Violation(
                    anchorSeq == null ? "anchor_seq" : "anchor_link",
                    "anchor_seq and anchor_link go together", "required")));
        }
        AuditTrail.Anchor anchor = anchorSeq == null ? null : new AuditTrail.Anchor(anchorSeq, anchorLink);
        return trail.verify(tenantId, seq(cursor, "cursor"), limit, anchor);
    }

    /** A whole number in bounds, or a 400 problem naming the parameter (not JAX-RS's 404). */
    private static long number(String text, String field, long min, long max) {
        try {
            long value = Long.parseLong(text.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ProblemException(ProblemTypes.INVALID_PARAMETER, 400, "Bad Request", "Invalid " + field + ".",
                List.of(new Violation(field, "must be a whole number from " + min + " to " + max, "out_of_range")));
    }

    /** Cursors are the seq of the last entry a page covered. */
    private static long seq(String cursor, String field) {
        if (cursor == null || cursor.isEmpty()) {
            return 0;
        }
        try {
            long seq = Long.parseLong(cursor);
            if (seq >= 0) {
                return seq;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.badRequest("Invalid cursor.", List.of(new Violation(field,
                "must be a next_cursor from an earlier answer", "format")));
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

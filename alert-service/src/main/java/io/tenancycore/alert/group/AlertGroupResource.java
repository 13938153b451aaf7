package io.tenancycore.alert.group;

import io.smallrye.mutiny.Uni;
import io.tenancycore.alert.support.LabelMatcher;
import io.tenancycore.commons.api.Page;
import io.tenancycore.commons.api.PageRequest;
import io.tenancycore.commons.error.ProblemException;
import io.tenancycore.commons.error.Violation;
import io.tenancycore.commons.permission.RequiresPermission;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** A tenant's notification groups: {@code /v1/tenants/{tenantId}/alert-groups} (read-only; routing forms them). */
@Path("/v1/tenants/{tenantId}/alert-groups")
@Produces(MediaType.APPLICATION_JSON)
public class AlertGroupResource {

    /** For the OpenAPI document: a page of groups. */
    public static final class AlertGroupPage {
        public List<AlertGroup> items;
        @com.fasterxml.jackson.annotation.JsonProperty("next_cursor")
        @Schema(nullable = true)
        public String nextCursor;
    }

    private final AlertGroupService groups;

    public AlertGroupResource(AlertGroupService groups) {
        this.groups = groups;
    }

    @GET
    @RequiresPermission("alerts:read")
    @Operation(summary = "The tenant's alert groups by key; ?receiver= and ?filter= (matchers, repeatable) narrow them")
    @APIResponse(responseCode = "200", description = "A page of groups", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AlertGroupPage.class)))
    public Uni<Page<AlertGroup>> list(@PathParam("tenantId") String tenantId, @QueryParam("receiver") String receiver,
            @QueryParam("filter") List<String> filter, @BeanParam PageRequest page) {
        int limit = page.limit();
        int offset = page.offset();
        List<Violation> violations = new ArrayList<>();
        List<LabelMatcher> matchers = LabelMatcher.compile(filter == null ? List.of() : filter, "filter", violations);
        if (!violations.isEmpty()) {
            throw ProblemException.badRequest("Query parameter 'filter' takes matchers such as severity=\"critical\".",
                    violations);
        }
        String wanted = receiver == null || receiver.isBlank() ? null : receiver;
        return groups.list(tenantId, new AlertGroupService.Query(wanted, matchers), offset, limit);
    }

    @GET
    @Path("/{key}")
    @RequiresPermission("alerts:read")
    @Operation(summary = "One alert group by its key")
    public Uni<AlertGroup> get(@PathParam("tenantId") String tenantId, @PathParam("key") String key) {
        return groups.get(tenantId, key);
    }
}

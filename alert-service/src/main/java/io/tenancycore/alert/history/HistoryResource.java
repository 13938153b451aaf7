package io.tenancycore.alert.history;

import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.api.Page;
import io.tenancycore.commons.api.PageRequest;
import io.tenancycore.commons.permission.RequiresPermission;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Every state change and notification attempt of the tenant's alerts: {@code /v1/tenants/{t}/alert-history}. */
@Path("/v1/tenants/{tenantId}/alert-history")
@Produces(MediaType.APPLICATION_JSON)
public class HistoryResource {

    /** For the OpenAPI document: a page of history entries. */
    public static final class HistoryPage {
        public List<HistoryEntry> items;
        @com.fasterxml.jackson.annotation.JsonProperty("next_cursor")
        @Schema(nullable = true)
        public String nextCursor;
    }

    private final HistoryStore history;

    public HistoryResource(HistoryStore history) {
        this.history = history;
    }

    @GET
    @RequiresPermission("alerts:read")
    @Operation(summary = "The tenant's alert history, newest first (bounded: the oldest entries are trimmed)")
    @APIResponse(responseCode = "200", description = "A page of history entries", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = HistoryPage.class)))
    public Uni<Page<HistoryEntry>> list(@PathParam("tenantId") String tenantId, @BeanParam PageRequest page) {
        int limit = page.limit();
        int offset = page.offset();
        return history.tenant(tenantId, offset, limit + 1).map(entries -> page(entries, offset, limit));
    }

    /** A page from {@code limit + 1} entries read: the extra one only says whether there is a next page. */
    public static Page<HistoryEntry> page(List<HistoryEntry> entries, int offset, int limit) {
        boolean more = entries.size() > limit;
        return new Page<>(more ? entries.subList(0, limit) : entries, more ? Integer.toString(offset + limit) : null);
    }
}

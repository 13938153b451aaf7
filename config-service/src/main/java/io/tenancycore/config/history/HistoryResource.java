package io.tenancycore.config.history;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.permission.RequiresPermission;
import io.tenancycore.config.layers.ConfigService;
import io.tenancycore.config.support.ConfigProblems;
import io.tenancycore.config.support.ConfigServiceConfig;
import io.tenancycore.config.support.Keys;
import io.tenancycore.config.support.Paging;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/tenants/{tenantId}/config/history")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Configuration")
public class HistoryResource {

    @Inject
    ConfigService config;
    @Inject
    ConfigServiceConfig settings;

    @Schema(description = "A page of the tenant's revisions, newest first")
    public record History(@JsonProperty("tenant_id") String tenantId, long revision,
            @JsonProperty("compacted_up_to") long compactedUpTo, List<HistoryEntry> items,
            @JsonProperty("next_cursor") @JsonInclude(JsonInclude.Include.ALWAYS) @Schema(nullable = true, description = "cursor= for older revisions; null: "
                    + "none kept") String nextCursor) {
    }

    @GET
    @RequiresPermission("config:read")
    @Operation(summary = "The tenant's revisions, newest first; key= keeps the revisions that changed that key",
            description = "Secret values are always masked in history. limit= (default 50, at most 500) revisions "
                    + "per page; cursor= the previous page's next_cursor; since= only revisions after it.")
    @APIResponse(responseCode = "200", description = "A page", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = History.class)))
    @APIResponse(responseCode = "400", description = "A bad key, limit, cursor or since")
    public Uni<History> history(@PathParam("tenantId") String tenantId, @QueryParam("key") String key,
            @QueryParam("since") String since,
            @Parameter(description = "1 to 500, default 50") @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        if (key != null) {
            Keys.requireValid("key", key);
        }
        int size = Paging.limit(limit, settings);
        Long before = Paging.numericCursor(cursor);
        long after = since == null ? 0 : parseSince(since);
        return config.state(tenantId).chain(state -> config.revisionsAfter(tenantId,
                Math.max(after, state.compactedUpTo())).map(records -> {
                    List<HistoryEntry> entries = records.stream()
                            .filter(record -> before == null || record.revision() < before)
                            .map(record -> HistoryEntry.of(record, settings.secretMask()))
                            .map(entry -> key == null ? entry : entry.onlyKey(key))
                            .filter(entry -> !entry.changes().isEmpty())
                            .sorted((a, b) -> Long.compare(b.revision(), a.revision()))
                            .toList();
                    List<HistoryEntry> page = entries.size() > size ? entries.subList(0, size) : entries;
                    String next = entries.size() > size ? Long.toString(page.get(page.size() - 1).revision()) : null;
                    return new History(tenantId, state.revision(), state.compactedUpTo(), page, next);
                }));
    }

    private static long parseSince(String since) {
        try {
            long value = Long.parseLong(since.trim());
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ConfigProblems.invalidInput("since", "since must be a revision (0 or more)");
    }
}

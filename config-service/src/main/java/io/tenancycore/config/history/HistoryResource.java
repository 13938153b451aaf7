package io.tenancycore.config.history;

import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.permission.RequiresPermission;
import io.tenancycore.config.layers.ConfigService;
import io.tenancycore.config.support.Keys;
import io.tenancycore.config.support.ConfigServiceConfig;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/tenants/{tenantId}/config/history")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Configuration")
public class HistoryResource {

    @Inject
    ConfigService config;
    @Inject
    ConfigServiceConfig settings;

    public record History(@JsonProperty("tenant_id") String tenantId, long revision,
            @JsonProperty("compacted_up_to") long compactedUpTo, List<HistoryEntry> revisions) {
    }

    @GET
    @RequiresPermission("config:read")
    @Operation(summary = "The tenant's revisions, newest first; key= keeps the revisions that changed that key",
            description = "Secret values are always masked in history")
    public Uni<History> history(@PathParam("tenantId") String tenantId, @QueryParam("key") String key,
            @QueryParam("since") Long since) {
        if (key != null) {
            Keys.requireValid("key", key);
        }
        return config.state(tenantId).chain(state -> config.revisionsAfter(tenantId,
                Math.max(since == null ? 0 : since, state.compactedUpTo())).map(records -> {
                    List<HistoryEntry> entries = records.stream()
                            .map(record -> HistoryEntry.of(record, settings.secretMask()))
                            .map(entry -> key == null ? entry : entry.onlyKey(key))
                            .filter(entry -> !entry.changes().isEmpty())
                            .sorted((a, b) -> Long.compare(b.revision(), a.revision()))
                            .toList();
                    return new History(tenantId, state.revision(), state.compactedUpTo(), entries);
                }));
    }
}

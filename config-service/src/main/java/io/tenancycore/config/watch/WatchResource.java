package io.tenancycore.config.watch;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.permission.RequiresPermission;
import io.tenancycore.config.history.HistoryEntry;
import io.tenancycore.config.layers.ConfigService;
import io.tenancycore.config.support.ConfigProblems;
import io.tenancycore.config.support.ConfigServiceConfig;
import io.tenancycore.config.support.Keys;
import io.tenancycore.config.support.RedisKeys;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Hot reload for clients: long-poll (Consul's {@code ?index=}, etcd's watch from a revision) and a server-sent
 * event stream. Both wake on a change made through any replica, in the tenant's layers or in the global and
 * environment layers its view inherits, and can be narrowed to one key, a prefix or an environment.
 */
@Path("/v1/tenants/{tenantId}/config/watch")
@Tag(name = "Configuration")
public class WatchResource {

    static final String LAST_EVENT_ID = "Last-Event-ID";

    @Inject
    WatchService watches;
    @Inject
    ConfigService config;
    @Inject
    ConfigServiceConfig settings;
    @Inject
    ChangeNotifier notifier;
    @Context
    Sse sse;

    @Schema(description = "Changes after the cursor; watch again from cursor")
    public record WatchResult(@JsonProperty("tenant_id") String tenantId, long revision,
            @JsonProperty("platform_revision") long platformRevision,
            @Schema(description = "Where to watch from next: since=<cursor>") String cursor,
            List<HistoryEntry> changes) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresPermission("config:read")
    @Operation(summary = "Wait for changes after a cursor", description = "since is the revision last seen (12) or "
            + "a view's ETag / the last answer's cursor (12.4: tenant and platform revisions; 12 alone watches the "
            + "platform from now). Answers at once when matching changes exist, else when one is made (on any "
            + "replica, in any layer of the view) or after wait with none. key= or prefix= narrow it to keys, "
            + "env= to one environment's view.")
    @APIResponse(responseCode = "200", description = "The changes (possibly none) and the next cursor",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = WatchResult.class)))
    @APIResponse(responseCode = "400", description = "since missing or malformed, or a bad wait, key or env")
    @APIResponse(responseCode = "410", description = "since was compacted: re-read the configuration, then watch "
            + "from its ETag")
    public Uni<WatchResult> watch(@PathParam("tenantId") String tenantId,
            @Parameter(description = "12 or 12.4") @QueryParam("since") String since,
            @Parameter(description = "30s, 500ms, 2m") @QueryParam("wait") String wait,
            @QueryParam("key") String key, @QueryParam("prefix") String prefix, @QueryParam("env") String env) {
        WatchCursor cursor = WatchCursor.parse("since", since);
        if (cursor == null) {
            throw ConfigProblems.invalidInput("since",
                    "since must be the revision last seen (0 or more) or a view's ETag");
        }
        Duration timeout = WaitDuration.parse(wait, settings.watchDefaultWait(), settings.watchMaxWait());
        return watches.await(tenantId, cursor, filter(key, prefix, env), timeout).map(batch -> new WatchResult(
                tenantId, batch.cursor().revision(), batch.cursor().platformRevision(), batch.cursor().toString(),
                batch.steps().stream().map(WatchService.Step::entry).toList()));
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RequiresPermission("config:read")
    @Blocking
    @Operation(summary = "Server-sent events: every revision after since, as it happens", description = "Each "
            + "event's data is a revision (scope tenant or platform) and its id the cursor after it; reconnecting "
            + "with Last-Event-ID resumes there. key=, prefix= and env= narrow it as for the long-poll.")
    @APIResponse(responseCode = "200", description = "The stream", content = @Content(
            mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(implementation = HistoryEntry.class)))
    @APIResponse(responseCode = "410", description = "since (or Last-Event-ID) was compacted")
    public Multi<OutboundSseEvent> stream(@PathParam("tenantId") String tenantId,
            @Parameter(description = "12 or 12.4; default: the tenant's history from 0, the platform's from now")
            @QueryParam("since") String since,
            @HeaderParam(LAST_EVENT_ID) String lastEventId, @QueryParam("key") String key,
            @QueryParam("prefix") String prefix, @QueryParam("env") String env) {
        WatchCursor resume = WatchCursor.parse(LAST_EVENT_ID, lastEventId);
        WatchCursor given = resume != null ? resume : WatchCursor.parse("since", since);
        WatchCursor start = given != null ? given : new WatchCursor(0, null);
        WatchService.Filter filter = filter(key, prefix, env);
        // fix the platform start and refuse a compacted one before the stream opens: a 410, not a dead stream
        WatchCursor first = watches.changesAfter(tenantId, start, new WatchService.Filter(null, null, null))
                .map(batch -> new WatchCursor(start.revision(), start.platformRevision() != null
                        ? start.platformRevision() : batch.cursor().platformRevision()))
                .await().atMost(Duration.ofSeconds(5));
        return Multi.createFrom().emitter(emitter -> {
            AtomicReference<WatchCursor> last = new AtomicReference<>(first);
            AtomicBoolean pumping = new AtomicBoolean();
            AtomicBoolean again = new AtomicBoolean();
            Runnable pump = new Runnable() {
                @Override
                public void run() {
                    if (!pumping.compareAndSet(false, true)) {
                        again.set(true);
                        return;
                    }
                    again.set(false);
                    watches.changesAfter(tenantId, last.get(), filter).subscribe().with(batch -> {
                        batch.steps().forEach(step -> emitter.emit(sse.newEventBuilder().id(step.after().toString())
                                .mediaType(MediaType.APPLICATION_JSON_TYPE).data(HistoryEntry.class, step.entry())
                                .build()));
                        last.set(batch.cursor());
                        pumping.set(false);
                        if (again.get()) {
                            run();
                        }
                    }, failure -> {
                        pumping.set(false);
                        emitter.fail(failure);
                    });
                }
            };
            Runnable unlistenTenant = notifier.listen(tenantId, revision -> pump.run());
            Runnable unlistenPlatform = notifier.listen(RedisKeys.PLATFORM, revision -> pump.run());
            emitter.onTermination(() -> {
                unlistenTenant.run();
                unlistenPlatform.run();
            });
            pump.run();
        });
    }

    private WatchService.Filter filter(String key, String prefix, String env) {
        if (key != null) {
            Keys.requireValid("key", key);
        }
        if (key != null && prefix != null) {
            throw ConfigProblems.invalidInput("prefix", "give key or prefix, not both");
        }
        return new WatchService.Filter(key, prefix, config.requireEnvironment(env));
    }
}

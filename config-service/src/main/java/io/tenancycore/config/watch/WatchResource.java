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
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * Hot reload for clients: long-poll (Consul's {@code ?index=}, etcd's watch from a revision) and a server-sent
 * event stream. Both wake on a change made through any replica.
 */
@Path("/v1/tenants/{tenantId}/config/watch")
@Tag(name = "Configuration")
public class WatchResource {

    @Inject
    ConfigService config;
    @Inject
    ChangeNotifier notifier;
    @Inject
    ConfigServiceConfig settings;

    public record WatchResult(@JsonProperty("tenant_id") String tenantId, long revision,
            List<HistoryEntry> changes) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresPermission("config:read")
    @Operation(summary = "Wait for changes after a revision", description = "Answers at once when revisions after "
            + "since exist, else when one is made (on any replica) or after wait with no changes")
    @APIResponse(responseCode = "410", description = "since was compacted: re-read the configuration, then watch "
            + "from its revision")
    public Uni<WatchResult> watch(@PathParam("tenantId") String tenantId, @QueryParam("since") Long since,
            @QueryParam("wait") String wait) {
        if (since == null || since < 0) {
            throw ConfigProblems.invalidInput("since", "since must be the revision last seen (0 or more)");
        }
        Duration timeout = WaitDuration.parse(wait, settings.watchDefaultWait(), settings.watchMaxWait());
        ChangeNotifier.Waiter waiter = notifier.register(tenantId);
        return changesAfter(tenantId, since).chain(first -> {
            if (!first.changes().isEmpty()) {
                waiter.cancel();
                return Uni.createFrom().item(first);
            }
            return waiter.await(timeout).chain(() -> changesAfter(tenantId, since));
        }).onFailure().invoke(waiter::cancel);
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @RequiresPermission("config:read")
    @Blocking
    @Operation(summary = "Server-sent events: every revision after since, as it happens")
    public Multi<HistoryEntry> stream(@PathParam("tenantId") String tenantId, @QueryParam("since") Long since) {
        long start = since == null ? 0 : since;
        // reject a compacted start before the stream opens, so the client gets a 410 rather than a dead stream
        changesAfter(tenantId, start).await().atMost(Duration.ofSeconds(5));
        return Multi.createFrom().emitter(emitter -> {
            AtomicLong last = new AtomicLong(start);
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
                    config.revisionsAfter(tenantId, last.get()).subscribe().with(records -> {
                        records.forEach(record -> {
                            if (record.revision() > last.get()) {
                                last.set(record.revision());
                                emitter.emit(HistoryEntry.of(record, settings.secretMask()));
                            }
                        });
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
            Runnable unlisten = notifier.listen(tenantId, revision -> pump.run());
            emitter.onTermination(unlisten);
            pump.run();
        });
    }

    private Uni<WatchResult> changesAfter(String tenantId, long since) {
        return config.state(tenantId).chain(state -> {
            if (since < state.compactedUpTo()) {
                throw ConfigProblems.compacted(since, state.compactedUpTo());
            }
            return config.revisionsAfter(tenantId, since).map(records -> new WatchResult(tenantId,
                    records.isEmpty() ? Math.max(state.revision(), since)
                            : Math.max(state.revision(), records.get(records.size() - 1).revision()),
                    records.stream().map(record -> HistoryEntry.of(record, settings.secretMask())).toList()));
        });
    }
}

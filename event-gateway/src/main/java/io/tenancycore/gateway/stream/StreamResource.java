package io.tenancycore.gateway.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.tenancycore.commons.error.ProblemException;
import io.tenancycore.commons.error.ProblemTypes;
import io.tenancycore.commons.error.Violation;
import io.tenancycore.commons.permission.RequiresPermission;
import io.tenancycore.commons.tenant.TenantContext;
import io.tenancycore.commons.tenantstatus.TenantDirectory;
import io.tenancycore.commons.tenantstatus.TenantStatus;
import io.tenancycore.commons.events.filter.EventFilter;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code GET /api/events/v1/tenants/{tenantId}/stream}: the tenant's events as they are published (and its workflow
 * events), as server-sent events, each one the event in CloudEvents structured JSON. {@code ?filter=} takes the
 * Subscriptions API filter expressions of a subscription's {@code filters}, as JSON. A comment every heartbeat keeps
 * the connection open; the stream ends (with an {@code end} event saying why) when the tenant is suspended, when the
 * caller's token expires, after {@link StreamConfig#maxLifetime()}, or when the reader falls too far behind.
 */
@Path("/api/events/v1/tenants/{tenantId}/stream")
public class StreamResource {

    static final String END = "end";
    private static final EventFormat JSON = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);

    private final StreamHub hub;
    private final StreamConfig config;
    private final TenantDirectory directory;
    private final ObjectMapper mapper;

    @Inject
    TenantContext caller;
    @Inject
    JsonWebToken token;

    public StreamResource(StreamHub hub, StreamConfig config, TenantDirectory directory, ObjectMapper mapper) {
        this.hub = hub;
        this.config = config;
        this.directory = directory;
        this.mapper = mapper;
    }

    /** What a stream emits: an event, a heartbeat, or the reason it ends. */
    private sealed interface Item {
    }

    private record Published(CloudEvent event) implements Item {
    }

    private record Heartbeat() implements Item {
    }

    private record Ended(String reason) implements Item {
    }

    // Blocking only while the stream opens: the permission check and the refusals (400, 422, 429) are answered as
    // problems before the first byte; the events then flow without a worker thread.
    @GET
    @Blocking
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RequiresPermission("events:read")
    @Operation(summary = "The tenant's events, live, as server-sent events")
    @APIResponse(responseCode = "200", description = "A stream of events (CloudEvents structured JSON in each data)")
    @APIResponse(responseCode = "429", description = "The tenant (or this replica) has its maximum of open streams")
    public Multi<OutboundSseEvent> stream(@PathParam("tenantId") String tenantId,
            @Parameter(description = "A JSON array of filter expressions (exact, prefix, suffix, all, any, not)")
            @QueryParam("filter") String filter,
            @Context Sse sse) {
        EventFilter compiled = compile(filter);
        AtomicReference<String> endReason = new AtomicReference<>();
        boolean platformClient = caller.isPlatformClient();
        Multi<Item> events = hub.open(tenantId, compiled).map(Published::new);
        // a first comment at once: the client knows the stream is open (and registered) before any event comes
        Multi<Item> opened = Multi.createFrom().item(new Heartbeat());
        Multi<Item> checks = Multi.createFrom().ticks().every(config.heartbeat())
                .onItem().transformToUniAndConcatenate(tick -> directory.statusOf(tenantId))
                .map(status -> served(status, platformClient) ? new Heartbeat()
                        : new Ended("tenant " + status.name().toLowerCase(java.util.Locale.ROOT)));
        return Multi.createBy().merging().streams(opened, events, checks)
                .onFailure(io.smallrye.mutiny.subscription.BackPressureFailure.class)
                .recoverWithItem(new Ended("reader too slow; reconnect to go on"))
                .select().first(lifetime())
                .select().first(item -> {
                    if (item instanceof Ended ended) {
                        endReason.set(ended.reason());
                        return false;
                    }
                    return true;
                })
                .map(item -> toSse(sse, item))
                .onCompletion().switchTo(() -> endReason.get() == null
                        ? Multi.createFrom().item(end(sse, "stream lifetime over"))
                        : Multi.createFrom().item(end(sse, endReason.get())));
    }

    private static boolean served(TenantStatus status, boolean platformClient) {
        return platformClient ? status != TenantStatus.DELETED && status != TenantStatus.UNKNOWN
                : status.servesTenantClients();
    }

    /** Until the token expires, and never longer than the configured lifetime. */
    private Duration lifetime() {
        Duration max = config.maxLifetime();
        long expiresAt = token == null ? 0 : token.getExpirationTime();
        if (expiresAt <= 0) {
            return max;
        }
        Duration untilExpiry = Duration.between(Instant.now(), Instant.ofEpochSecond(expiresAt));
        return untilExpiry.compareTo(max) < 0 ? untilExpiry : max;
    }

    private EventFilter compile(String filter) {
        if (filter == null || filter.isBlank()) {
            return EventFilter.EVERYTHING;
        }
        if (filter.length() > config.filterMaxLength()) {
            throw invalidParameter("filter is longer than " + config.filterMaxLength() + " characters.");
        }
        JsonNode expressions;
        try {
            expressions = mapper.readTree(filter);
        } catch (JsonProcessingException notJson) {
            throw invalidParameter("filter is a JSON array of filter expressions; it is not JSON.");
        }
        List<Violation> violations = new ArrayList<>();
        EventFilter compiled = EventFilter.compile(expressions, "filter", violations);
        if (!violations.isEmpty()) {
            throw ProblemException.unprocessable("The filter breaks the rules listed in violations.", violations);
        }
        return compiled;
    }

    private static ProblemException invalidParameter(String detail) {
        return new ProblemException(ProblemTypes.INVALID_PARAMETER, 400, "Bad Request", detail, List.of());
    }

    private static OutboundSseEvent toSse(Sse sse, Item item) {
        if (item instanceof Published published) {
            CloudEvent event = published.event();
            return sse.newEventBuilder().id(event.getId())
                    .data(new String(JSON.serialize(event), StandardCharsets.UTF_8)).build();
        }
        return sse.newEventBuilder().comment("heartbeat").build();
    }

    private OutboundSseEvent end(Sse sse, String reason) {
        return sse.newEventBuilder().name(END).mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(mapper.createObjectNode().put("reason", reason).toString()).build();
    }
}

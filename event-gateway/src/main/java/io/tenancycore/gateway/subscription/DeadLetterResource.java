package io.tenancycore.gateway.subscription;

import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.api.Page;
import io.tenancycore.commons.api.PageRequest;
import io.tenancycore.commons.error.ProblemException;
import io.tenancycore.commons.audit.Audited;
import io.tenancycore.commons.permission.RequiresPermission;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.logging.Logger;

/**
 * A tenant's dead letters: {@code /api/events/v1/tenants/{tenantId}/dead-letters} to list and inspect them,
 * {@code POST .../{id}/replay} to deliver one again to its subscription (once the sink is fixed), {@code DELETE} to
 * discard one.
 */
@Path("/api/events/v1/tenants/{tenantId}/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
public class DeadLetterResource {

    private static final Logger LOG = Logger.getLogger(DeadLetterResource.class);

    /** For the OpenAPI document: a page of dead letters. */
    public static final class DeadLetterPage {
        public List<DeadLetter> items;
        @com.fasterxml.jackson.annotation.JsonProperty("next_cursor")
        @Schema(nullable = true)
        public String nextCursor;
    }

    /** The answer of a replay: it runs in the background with the subscription's delivery settings. */
    public record Replaying(String id, @com.fasterxml.jackson.annotation.JsonProperty("subscription_id")
            String subscriptionId) {
    }

    private final DeadLetterStore store;
    private final SubscriptionService subscriptions;
    private final Dispatcher dispatcher;

    public DeadLetterResource(DeadLetterStore store, SubscriptionService subscriptions, Dispatcher dispatcher) {
        this.store = store;
        this.subscriptions = subscriptions;
        this.dispatcher = dispatcher;
    }

    @GET
    @RequiresPermission("events:read")
    @Operation(summary = "Events the tenant's sinks did not take, oldest first")
    @APIResponse(responseCode = "200", description = "A page of dead letters",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DeadLetterPage.class)))
    public Uni<Page<DeadLetter>> list(@PathParam("tenantId") String tenantId, @BeanParam PageRequest page) {
        page.limit();
        page.offset();
        return store.all(tenantId).map(all -> Page.of(all, page));
    }

    @GET
    @Path("/{deadLetterId}")
    @RequiresPermission("events:read")
    @Operation(summary = "One dead letter, with its event and why it was not delivered")
    public Uni<DeadLetter> get(@PathParam("tenantId") String tenantId, @PathParam("deadLetterId") String id) {
        return find(tenantId, id);
    }

    @POST
    @Path("/{deadLetterId}/replay")
    @RequiresPermission("events:write")
    @Audited(action = "dead-letter.replay", resource = "dead-letters")
    @Operation(summary = "Deliver the event again to its subscription; removed once taken")
    @APIResponse(responseCode = "202", description = "Replay started",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Replaying.class)))
    public Uni<Response> replay(@PathParam("tenantId") String tenantId, @PathParam("deadLetterId") String id) {
        return find(tenantId, id).chain(letter -> subscriptions.get(tenantId, letter.subscriptionId())
                .onFailure(ProblemException.class).transform(gone -> ProblemException.conflict("Subscription '"
                        + letter.subscriptionId() + "' no longer exists; the dead letter cannot be replayed."))
                .map(subscription -> {
                    dispatcher.replay(tenantId, subscription, letter).subscribe().with(ignored -> {
                    }, failure -> LOG.warnf("replay of %s failed: %s", id, failure.toString()));
                    return Response.accepted(new Replaying(id, subscription.id())).build();
                }));
    }

    @DELETE
    @Path("/{deadLetterId}")
    @RequiresPermission("events:write")
    @Audited(action = "dead-letter.discard", resource = "dead-letters")
    @Operation(summary = "Discard a dead letter")
    @APIResponse(responseCode = "204", description = "Discarded")
    public Uni<Response> delete(@PathParam("tenantId") String tenantId, @PathParam("deadLetterId") String id) {
        return store.delete(tenantId, id).map(existed -> {
            if (!existed) {
                throw notFound(id);
            }
            return Response.noContent().build();
        });
    }

    private Uni<DeadLetter> find(String tenantId, String id) {
        return store.find(tenantId, id).map(found -> found.orElseThrow(() -> notFound(id)));
    }

    private static ProblemException notFound(String id) {
        return ProblemException.notFound("No dead letter '" + id + "'.");
    }
}

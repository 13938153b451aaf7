package io.tenancycore.gateway.publish;

import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.error.Problem;
import io.tenancycore.commons.permission.RequiresPermission;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
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
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code POST /api/events/v1/tenants/{tenantId}/events}: publishes CloudEvents (binary, structured or batched) for a
 * tenant. 202 with the events' ids once Kafka has acknowledged every one; nothing is published when any is invalid.
 */
@Path("/api/events/v1/tenants/{tenantId}/events")
public class EventPublishResource {

    /** The answer of an accepted publish. */
    public record Accepted(List<String> ids) {
    }

    private final EventIntake intake;
    private final EventBus bus;

    public EventPublishResource(EventIntake intake, EventBus bus) {
        this.intake = intake;
        this.bus = bus;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresPermission("events:publish")
    @Operation(summary = "Publish CloudEvents for the tenant",
            description = "Binary mode (ce-* headers, the body is the event's data), structured mode ("
                    + EventIntake.STRUCTURED + ") or a batch (" + EventIntake.BATCH + "). The extension tenantid "
                    + "is set to the path's tenant; the extension priority (high, normal, low; default normal) "
                    + "selects the topic.")
    @RequestBody(content = {@Content(mediaType = EventIntake.STRUCTURED), @Content(mediaType = EventIntake.BATCH),
        @Content(mediaType = "*/*")})
    @APIResponse(responseCode = "202", description = "Every event was acknowledged by Kafka",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Accepted.class)))
    @APIResponse(responseCode = "400", description = "A structured event or batch that is not JSON",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "Not a CloudEvent in any HTTP mode",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Events that break CloudEvents 1.0; every violation listed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Kafka did not acknowledge the events in time",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> publish(@PathParam("tenantId") String tenantId, HttpServerRequest request, byte[] body) {
        var events = intake.read(tenantId, request.headers(), body == null ? new byte[0] : body);
        return bus.publish(tenantId, events)
                .map(ids -> Response.accepted(new Accepted(ids)).type(MediaType.APPLICATION_JSON).build());
    }
}

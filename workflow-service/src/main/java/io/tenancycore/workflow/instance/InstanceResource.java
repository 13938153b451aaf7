package io.tenancycore.workflow.instance;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.api.Page;
import io.tenancycore.commons.api.PageRequest;
import io.tenancycore.commons.audit.Audited;
import io.tenancycore.commons.error.ProblemException;
import io.tenancycore.commons.error.Violation;
import io.tenancycore.commons.permission.RequiresPermission;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A tenant's workflow instances: {@code /v1/tenants/{tenantId}/workflows/instances}. */
@Path("/v1/tenants/{tenantId}/workflows/instances")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Workflow instances", description = "Durable executions of definitions and templates")
public class InstanceResource {

    @Schema(description = "Instances, newest first, without their tasks, input and output")
    public record InstancePage(List<InstanceRecord> items,
            @JsonProperty("next_cursor") @JsonInclude(JsonInclude.Include.ALWAYS) @Schema(nullable = true) String nextCursor) {
    }

    private final InstanceService instances;

    public InstanceResource(InstanceService instances) {
        this.instances = instances;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission("workflows:execute")
    @Audited(action = "workflow.instance.start", resource = "workflow-instance")
    @Operation(summary = "Start an instance of a definition or a built-in template; it runs asynchronously")
    @APIResponse(responseCode = "201", description = "Created (pending or already running)", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = InstanceRecord.class)))
    @APIResponse(responseCode = "404", description = "No such definition or version")
    @APIResponse(responseCode = "422", description = "Not a valid start request; violations list every problem")
    @APIResponse(responseCode = "429", description = "The tenant has as many unfinished instances as it may")
    public Uni<Response> start(@PathParam("tenantId") String tenantId, StartRequest request, @Context UriInfo uri) {
        return instances.start(tenantId, request).map(record -> Response
                .created(uri.getAbsolutePathBuilder().path(record.id).build()).entity(record).build());
    }

    @GET
    @RequiresPermission("workflows:read")
    @Operation(summary = "The tenant's instances, newest first", description = "?status= and ?definition= filter")
    @APIResponse(responseCode = "200", description = "A page", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = InstancePage.class)))
    public Uni<InstancePage> list(@PathParam("tenantId") String tenantId, @QueryParam("status") String status,
            @QueryParam("definition") String definition, @BeanParam PageRequest page) {
        page.limit();
        page.offset();
        InstanceStatus wanted = status == null || status.isBlank() ? null : InstanceStatus.parse(status)
                .orElseThrow(() -> ProblemException.badRequest("Query parameter 'status' must be one of pending, "
                        + "running, waiting, completed, failed, cancelled.", List.of(new Violation("status",
                                "not an instance status", "invalid_parameter"))));
        return instances.list(tenantId, wanted, definition == null || definition.isBlank() ? null : definition)
                .map(all -> {
                    Page<InstanceRecord> one = Page.of(all, page);
                    return new InstancePage(one.items(), one.nextCursor());
                });
    }

    @GET
    @Path("/{id}")
    @RequiresPermission("workflows:read")
    @Operation(summary = "An instance: status, output or error, and every task with start, end, attempts, error")
    @APIResponse(responseCode = "200", description = "The instance", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = InstanceRecord.class)))
    @APIResponse(responseCode = "404", description = "No such instance")
    public Uni<InstanceRecord> get(@PathParam("tenantId") String tenantId, @PathParam("id") String id) {
        return instances.get(tenantId, id);
    }

    @POST
    @Path("/{id}/cancel")
    @RequiresPermission("workflows:execute")
    @Audited(action = "workflow.instance.cancel", resource = "workflow-instance")
    @Operation(summary = "Cancel an instance", description = "Stops at once on the replica running it (at its next "
            + "heartbeat if that is another replica)")
    @APIResponse(responseCode = "202", description = "Cancelling", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = InstanceRecord.class)))
    @APIResponse(responseCode = "404", description = "No such instance")
    @APIResponse(responseCode = "409", description = "Already completed, failed or cancelled")
    public Uni<Response> cancel(@PathParam("tenantId") String tenantId, @PathParam("id") String id) {
        return instances.cancel(tenantId, id).map(record -> Response.accepted(record).build());
    }

    @POST
    @Path("/{id}/retry")
    @RequiresPermission("workflows:execute")
    @Audited(action = "workflow.instance.retry", resource = "workflow-instance")
    @Operation(summary = "Run a failed instance again from its failed task (completed tasks are not run again)")
    @APIResponse(responseCode = "202", description = "Retrying", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = InstanceRecord.class)))
    @APIResponse(responseCode = "404", description = "No such instance")
    @APIResponse(responseCode = "409", description = "The instance has not failed")
    public Uni<Response> retry(@PathParam("tenantId") String tenantId, @PathParam("id") String id) {
        return instances.retry(tenantId, id).map(record -> Response.accepted(record).build());
    }
}

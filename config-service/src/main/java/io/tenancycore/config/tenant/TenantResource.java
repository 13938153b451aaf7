package io.tenancycore.config.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.audit.Audited;
import io.tenancycore.commons.error.Violation;
import io.tenancycore.commons.permission.RequiresPermission;
import io.tenancycore.commons.tenant.TenantContext;
import io.tenancycore.commons.validation.ValidationReport;
import io.tenancycore.config.support.Callers;
import io.tenancycore.config.support.ConfigProblems;
import io.tenancycore.config.support.ConfigServiceConfig;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.tenancycore.commons.api.ETags;
import io.tenancycore.config.support.Paging;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/tenants")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tenants", description = "The tenant registry")
public class TenantResource {

    public static final String MERGE_PATCH = "application/merge-patch+json";

    @Inject
    TenantService tenants;
    @Inject
    TenantContext caller;
    @Inject
    ConfigServiceConfig config;
    @Inject
    TenantAudit audit;

    public record ValidationResult(boolean valid, List<Violation> violations) {
    }

    @Schema(description = "A page of tenants in id order")
    public record TenantPage(@Schema(implementation = Object.class, type = SchemaType.ARRAY) List<ObjectNode> items,
            @JsonProperty("next_cursor") @JsonInclude(JsonInclude.Include.ALWAYS) @Schema(nullable = true, description = "cursor= for the next page; null: "
                    + "the last page") String nextCursor) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission("tenants:write")
    @Operation(summary = "Register a tenant", description = "Validates the tenant document (every error at once), "
            + "stores it as provisioning and publishes io.tenancycore.tenant.registered")
    @APIResponse(responseCode = "201", description = "Registered", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Object.class)))
    @APIResponse(responseCode = "409", description = "The tenant id is taken")
    @APIResponse(responseCode = "422", description = "The document is invalid; violations list every error")
    public Uni<Response> register(@NotNull JsonNode document) {
        // audited under the tenant being registered (refusals too): @Audited would name no tenant here
        return audit.registration(caller, document, () -> {
            Callers.requirePlatform(caller);
            return tenants.register(document);
        }).map(record -> Response.created(URI.create("/v1/tenants/" + record.tenantId())).entity(record.view())
                .build());
    }

    @POST
    @Path("/validate")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission("tenants:validate")
    @Operation(summary = "Validate a tenant document without storing it")
    @APIResponse(responseCode = "200", description = "The report: valid, and every violation")
    public Uni<ValidationResult> validate(@NotNull JsonNode document) {
        return Uni.createFrom().item(() -> {
            ValidationReport report = tenants.validate(document);
            return new ValidationResult(report.valid(), report.violations());
        });
    }

    @GET
    @RequiresPermission("tenants:read")
    @Operation(summary = "List tenants in id order", description = "Pass the page's next_cursor as cursor for the "
            + "next page")
    @APIResponse(responseCode = "200", description = "A page", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TenantPage.class)))
    @APIResponse(responseCode = "400", description = "limit is not a number from 1 to 500")
    public Uni<TenantPage> list(@QueryParam("cursor") String cursor,
            @Parameter(description = "1 to 500, default 50") @QueryParam("limit") String limit) {
        Callers.requirePlatform(caller);
        int size = Paging.limit(limit, config);
        return tenants.list(cursor, size + 1).map(records -> {
            List<TenantRecord> page = records.size() > size ? records.subList(0, size) : records;
            return new TenantPage(page.stream().map(TenantRecord::view).toList(),
                    records.size() > size ? page.get(page.size() - 1).tenantId() : null);
        });
    }

    @GET
    @Path("/{tenantId}")
    @RequiresPermission("tenants:read")
    @Operation(summary = "Read a tenant", description = "ETag for If-None-Match (304) and for PATCH's If-Match")
    @APIResponse(responseCode = "200", description = "The tenant", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Object.class)))
    @APIResponse(responseCode = "304", description = "Unchanged since the If-None-Match tag")
    @APIResponse(responseCode = "404", description = "No such tenant")
    public Uni<Response> get(@PathParam("tenantId") String tenantId,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return tenants.get(tenantId).map(record -> ETags.notModified(ifNoneMatch, record.etag())
                ? Response.notModified(new EntityTag(record.etag())).build()
                : Response.ok(record.view()).tag(record.etag()).build());
    }

    @PATCH
    @Path("/{tenantId}")
    @Consumes({ MERGE_PATCH, MediaType.APPLICATION_JSON })
    @RequiresPermission("tenants:write")
    @Audited(action = "tenant.update", resource = "tenant")
    @Operation(summary = "Change a tenant (JSON merge patch)", description = "status moves the lifecycle: "
            + "provisioning → active ⇄ suspended → deleted, provisioning → failed → provisioning (which starts the "
            + "provisioning again); status_reason (at most 500 characters) may go with a status; each move is published "
            + "on tenancy.tenants")
    @APIResponse(responseCode = "200", description = "The tenant as changed", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Object.class)))
    @APIResponse(responseCode = "409", description = "The status change is not allowed")
    @APIResponse(responseCode = "412", description = "The tenant changed since the If-Match tag")
    @APIResponse(responseCode = "422", description = "The patched document is invalid")
    public Uni<Response> patch(@PathParam("tenantId") String tenantId,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @NotNull JsonNode patch) {
        Callers.requirePlatform(caller);
        if (!(patch instanceof ObjectNode object)) {
            throw ConfigProblems.invalidInput("", "a merge patch must be a JSON object");
        }
        return tenants.patch(tenantId, object, ifMatch).map(record -> Response.ok(record.view())
                .tag(record.etag()).build());
    }
}

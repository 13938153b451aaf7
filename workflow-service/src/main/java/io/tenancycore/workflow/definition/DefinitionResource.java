package io.tenancycore.workflow.definition;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.api.ETags;
import io.tenancycore.commons.api.Page;
import io.tenancycore.commons.api.PageRequest;
import io.tenancycore.commons.audit.Audited;
import io.tenancycore.commons.error.ProblemException;
import io.tenancycore.commons.error.Violation;
import io.tenancycore.commons.permission.RequiresPermission;
import io.tenancycore.commons.validation.DocumentFormat;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A tenant's workflow definitions: {@code /v1/tenants/{tenantId}/workflows/definitions}. */
@Path("/v1/tenants/{tenantId}/workflows/definitions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Workflow definitions", description = "Serverless Workflow 1.0 documents (dsl 1.0.0 to 1.0.3), versioned")
public class DefinitionResource {

    static final String YAML = "application/yaml";

    @Schema(description = "Definitions (latest versions, without documents) and the built-in templates")
    public record DefinitionPage(List<Definition> items,
            @JsonProperty("next_cursor") @JsonInclude(JsonInclude.Include.ALWAYS) @Schema(nullable = true) String nextCursor) {
    }

    private final DefinitionService definitions;

    public DefinitionResource(DefinitionService definitions) {
        this.definitions = definitions;
    }

    @GET
    @RequiresPermission("workflows:read")
    @Operation(summary = "The tenant's definitions and the built-in templates, by name")
    @APIResponse(responseCode = "200", description = "A page", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DefinitionPage.class)))
    public Uni<DefinitionPage> list(@PathParam("tenantId") String tenantId, @BeanParam PageRequest page) {
        page.limit();
        page.offset();
        return definitions.list(tenantId).map(all -> {
            Page<Definition> one = Page.of(all, page);
            return new DefinitionPage(one.items(), one.nextCursor());
        });
    }

    @GET
    @Path("/{name}")
    @RequiresPermission("workflows:read")
    @Operation(summary = "A definition: its latest version, or ?version=")
    @APIResponse(responseCode = "200", description = "The definition", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Definition.class)))
    @APIResponse(responseCode = "304", description = "Unchanged since the If-None-Match tag")
    @APIResponse(responseCode = "404", description = "No such definition or version")
    public Uni<Response> get(@PathParam("tenantId") String tenantId, @PathParam("name") String name,
            @QueryParam("version") String version, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        Long wanted = version(version);
        return definitions.get(tenantId, name, wanted).map(found -> ETags.notModified(ifNoneMatch,
                Long.toString(found.version()))
                        ? Response.notModified(new EntityTag(Long.toString(found.version()))).build()
                        : Response.ok(found).tag(new EntityTag(Long.toString(found.version()))).build());
    }

    @POST
    @Consumes({ MediaType.APPLICATION_JSON, YAML, "application/x-yaml", "text/yaml" })
    @RequiresPermission("workflows:write")
    @Audited(action = "workflow.definition.create", resource = "workflow-definition")
    @Operation(summary = "Upload a new definition, named after its document.name (lower-cased)")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Definition.class)))
    @APIResponse(responseCode = "409", description = "The name exists or is a built-in template's, or the tenant "
            + "has as many definitions as it may")
    @APIResponse(responseCode = "413", description = "The document is larger than 256 KiB")
    @APIResponse(responseCode = "422", description = "Invalid document; violations list every problem")
    public Uni<Response> create(@PathParam("tenantId") String tenantId,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, String body, @jakarta.ws.rs.core.Context UriInfo uri) {
        return definitions.create(tenantId, body, format(contentType)).map(outcome -> Response
                .created(uri.getAbsolutePathBuilder().path(outcome.definition().name()).build())
                .entity(outcome.definition()).tag(new EntityTag(Long.toString(outcome.definition().version())))
                .build());
    }

    @PUT
    @Path("/{name}")
    @Consumes({ MediaType.APPLICATION_JSON, YAML, "application/x-yaml", "text/yaml" })
    @RequiresPermission("workflows:write")
    @Audited(action = "workflow.definition.put", resource = "workflow-definition")
    @Operation(summary = "Create a definition, or add a version when the document changed",
            description = "If-Match with the current ETag replaces only that version. An unchanged document keeps "
                    + "its version.")
    @APIResponse(responseCode = "200", description = "A new version, or the current one if unchanged", content =
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Definition.class)))
    @APIResponse(responseCode = "201", description = "Created", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Definition.class)))
    @APIResponse(responseCode = "409", description = "A built-in template's name, or too many definitions")
    @APIResponse(responseCode = "412", description = "If-Match names another version")
    @APIResponse(responseCode = "413", description = "The document is larger than 256 KiB")
    @APIResponse(responseCode = "422", description = "Invalid document; violations list every problem")
    public Uni<Response> put(@PathParam("tenantId") String tenantId, @PathParam("name") String name,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            String body, @jakarta.ws.rs.core.Context UriInfo uri) {
        return definitions.put(tenantId, name, body, format(contentType), ifMatch).map(outcome -> (outcome.created()
                ? Response.created(uri.getRequestUri()) : Response.ok()).entity(outcome.definition())
                .tag(new EntityTag(Long.toString(outcome.definition().version()))).build());
    }

    @DELETE
    @Path("/{name}")
    @RequiresPermission("workflows:write")
    @Audited(action = "workflow.definition.delete", resource = "workflow-definition")
    @Operation(summary = "Delete a definition and all its versions (running instances keep theirs)")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such definition")
    @APIResponse(responseCode = "409", description = "A built-in template")
    @APIResponse(responseCode = "412", description = "If-Match names another version")
    public Uni<Response> delete(@PathParam("tenantId") String tenantId, @PathParam("name") String name,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        if (BuiltInTemplates.NAMES.contains(name)) {
            throw ProblemException.conflict("'" + name + "' is a built-in template and cannot be deleted.");
        }
        return definitions.delete(tenantId, name, ifMatch).map(ignored -> Response.noContent().build());
    }

    static DocumentFormat format(String contentType) {
        return contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).contains("yaml")
                ? DocumentFormat.YAML : DocumentFormat.JSON;
    }

    static Long version(String version) {
        if (version == null || version.isBlank()) {
            return null;
        }
        try {
            long value = Long.parseLong(version.trim());
            if (value >= 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ProblemException.badRequest("Query parameter 'version' must be a version number (1, 2, ...).",
                List.of(new Violation("version", "must be a positive integer", "invalid_parameter")));
    }
}

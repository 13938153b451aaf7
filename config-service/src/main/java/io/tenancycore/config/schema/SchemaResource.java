package io.tenancycore.config.schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.audit.Audited;
import io.tenancycore.commons.permission.RequiresPermission;
import io.tenancycore.config.support.ConfigServiceConfig;
import io.tenancycore.commons.api.ETags;
import io.tenancycore.config.support.Paging;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/tenants/{tenantId}/config/schemas")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Configuration schemas", description = "A JSON Schema per namespace (a key's first segment)")
public class SchemaResource {

    @Inject
    SchemaService schemas;
    @Inject
    ConfigServiceConfig settings;
    @Context
    UriInfo uriInfo;

    public record NamespaceItem(String namespace) {
    }

    @Schema(description = "Namespaces that carry a schema, in name order")
    public record NamespacePage(List<NamespaceItem> items,
            @JsonProperty("next_cursor") @JsonInclude(JsonInclude.Include.ALWAYS) @Schema(nullable = true) String nextCursor) {
    }

    @GET
    @RequiresPermission("config:read")
    @Operation(summary = "Namespaces that carry a schema", description = "limit= (default 50, at most 500), "
            + "cursor= the previous page's next_cursor")
    @APIResponse(responseCode = "200", description = "A page", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = NamespacePage.class)))
    @APIResponse(responseCode = "400", description = "limit is not a number from 1 to 500")
    public Uni<NamespacePage> namespaces(@PathParam("tenantId") String tenantId,
            @Parameter(description = "1 to 500, default 50") @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        int size = Paging.limit(limit, settings);
        return schemas.namespaces(tenantId).map(all -> {
            List<String> after = all.stream().filter(ns -> cursor == null || ns.compareTo(cursor) > 0).toList();
            List<String> page = after.size() > size ? after.subList(0, size) : after;
            return new NamespacePage(page.stream().map(NamespaceItem::new).toList(),
                    after.size() > size ? page.get(page.size() - 1) : null);
        });
    }

    @GET
    @Path("/{namespace}")
    @RequiresPermission("config:read")
    @Operation(summary = "A namespace's JSON Schema", description = "ETag for If-None-Match (304) and If-Match")
    @APIResponse(responseCode = "200", description = "The schema", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "304", description = "Unchanged since the If-None-Match tag")
    @APIResponse(responseCode = "404", description = "The namespace has no schema")
    public Uni<Response> get(@PathParam("tenantId") String tenantId, @PathParam("namespace") String namespace,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return schemas.get(tenantId, namespace).map(stored -> ETags.notModified(ifNoneMatch, stored.etag())
                ? Response.notModified(new EntityTag(stored.etag())).build()
                : Response.ok(stored.schema()).tag(stored.etag()).build());
    }

    @PUT
    @Path("/{namespace}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission("config:write")
    @Audited(action = "config.schema.put", resource = "config-schema")
    @Operation(summary = "Set a namespace's JSON Schema (draft 2020-12 unless $schema says otherwise)",
            description = "The schema must be valid against its dialect's meta-schema, within the size limits, and "
                    + "its regexes (pattern, patternProperties) must compile on the linear-time engine RE2/J "
                    + "(no backreferences or lookaround). Values the namespace already holds must meet it. "
                    + "If-Match with the schema's ETag replaces only that version; If-None-Match: * only creates.")
    @APIResponse(responseCode = "200", description = "Replaced; applies to every later write of the namespace",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "201", description = "Created", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "409", description = "Values already stored break the schema; violations name "
            + "each offending key")
    @APIResponse(responseCode = "412", description = "The schema changed since the If-Match tag (or exists, with "
            + "If-None-Match: *)")
    @APIResponse(responseCode = "422", description = "Not a usable schema; violations name the JSON path of each "
            + "problem (e.g. properties.code.pattern)")
    public Uni<Response> put(@PathParam("tenantId") String tenantId, @PathParam("namespace") String namespace,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch, @NotNull JsonNode schema) {
        boolean createOnly = ifNoneMatch != null && "*".equals(ifNoneMatch.trim());
        return schemas.put(tenantId, namespace, schema, ifMatch, createOnly).map(stored -> (stored.created()
                ? Response.created(uriInfo.getRequestUri()) : Response.ok()).entity(stored.schema())
                .tag(stored.etag()).build());
    }

    @DELETE
    @Path("/{namespace}")
    @RequiresPermission("config:write")
    @Audited(action = "config.schema.delete", resource = "config-schema")
    @Operation(summary = "Remove a namespace's schema")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "The namespace has no schema")
    @APIResponse(responseCode = "412", description = "The schema changed since the If-Match tag")
    public Uni<Response> delete(@PathParam("tenantId") String tenantId, @PathParam("namespace") String namespace,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return schemas.delete(tenantId, namespace, ifMatch).map(ignored -> Response.noContent().build());
    }
}

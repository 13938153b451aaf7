package io.tenancycore.config.schema;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.audit.Audited;
import io.tenancycore.commons.permission.RequiresPermission;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/tenants/{tenantId}/config/schemas")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Configuration schemas", description = "A JSON Schema per namespace (a key's first segment)")
public class SchemaResource {

    @Inject
    SchemaService schemas;

    @GET
    @RequiresPermission("config:read")
    @Operation(summary = "Namespaces that carry a schema")
    public Uni<Set<String>> namespaces(@PathParam("tenantId") String tenantId) {
        return schemas.namespaces(tenantId);
    }

    @GET
    @Path("/{namespace}")
    @RequiresPermission("config:read")
    @Operation(summary = "A namespace's JSON Schema")
    public Uni<JsonNode> get(@PathParam("tenantId") String tenantId, @PathParam("namespace") String namespace) {
        return schemas.get(tenantId, namespace);
    }

    @PUT
    @Path("/{namespace}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission("config:write")
    @Audited(action = "config.schema.put", resource = "config-schema")
    @Operation(summary = "Set a namespace's JSON Schema (draft 2020-12 unless $schema says otherwise)",
            description = "The schema must be valid against its dialect's meta-schema, within the size limits, and "
                    + "its regexes (pattern, patternProperties) must compile on the linear-time engine RE2/J "
                    + "(no backreferences or lookaround). Values the namespace already holds must meet it.")
    @APIResponse(responseCode = "204", description = "Saved; applies to every later write of the namespace")
    @APIResponse(responseCode = "409", description = "Values already stored break the schema; violations name "
            + "each offending key")
    @APIResponse(responseCode = "422", description = "Not a usable schema; violations name the JSON path of each "
            + "problem (e.g. properties.code.pattern)")
    public Uni<Response> put(@PathParam("tenantId") String tenantId, @PathParam("namespace") String namespace,
            @NotNull JsonNode schema) {
        return schemas.put(tenantId, namespace, schema).map(ignored -> Response.noContent().build());
    }

    @DELETE
    @Path("/{namespace}")
    @RequiresPermission("config:write")
    @Audited(action = "config.schema.delete", resource = "config-schema")
    @Operation(summary = "Remove a namespace's schema")
    public Uni<Response> delete(@PathParam("tenantId") String tenantId, @PathParam("namespace") String namespace) {
        return schemas.delete(tenantId, namespace).map(ignored -> Response.noContent().build());
    }
}

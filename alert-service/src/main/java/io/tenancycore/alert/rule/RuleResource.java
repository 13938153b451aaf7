package io.tenancycore.alert.rule;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.api.ETags;
import io.tenancycore.commons.api.Page;
import io.tenancycore.commons.api.PageRequest;
import io.tenancycore.commons.audit.Audited;
import io.tenancycore.commons.permission.RequiresPermission;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import io.tenancycore.alert.support.Written;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** A tenant's alert rules over {@code tenancy.alert-signals}: {@code /v1/tenants/{tenantId}/rules}. */
@Path("/v1/tenants/{tenantId}/rules")
@Produces(MediaType.APPLICATION_JSON)
public class RuleResource {

    /** For the OpenAPI document: a page of rules. */
    public static final class RulePage {
        public List<Rule> items;
        @com.fasterxml.jackson.annotation.JsonProperty("next_cursor")
        @Schema(nullable = true)
        public String nextCursor;
    }

    private final RuleService rules;

    public RuleResource(RuleService rules) {
        this.rules = rules;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission("alerts:write")
    @Audited(action = "rule.create", resource = "rules")
    @Operation(summary = "Create a rule (validated by its JSON Schema)")
    @RequestBody(content = @Content(schema = @Schema(implementation = Rule.class)))
    @APIResponse(responseCode = "201", description = "Created", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Rule.class)))
    public Uni<Response> create(@PathParam("tenantId") String tenantId, JsonNode body, UriInfo uriInfo) {
        return rules.put(tenantId, null, body, 0)
                .map(created -> Written.created(uriInfo, created.value().name(), created));
    }

    @PUT
    @Path("/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission("alerts:write")
    @Audited(action = "rule.replace", resource = "rules")
    @Operation(summary = "Create or replace a rule; If-Match guards a replace")
    @RequestBody(content = @Content(schema = @Schema(implementation = Rule.class)))
    @APIResponse(responseCode = "201", description = "Created (its first version); Location names it",
            content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Rule.class)))
    @APIResponse(responseCode = "200", description = "The stored rule", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Rule.class)))
    @APIResponse(responseCode = "412", description = "If-Match names another version than the current one")
    public Uni<Response> replace(@PathParam("tenantId") String tenantId, @PathParam("name") String name,
            @HeaderParam("If-Match") String ifMatch, JsonNode body, UriInfo uriInfo) {
        return rules.put(tenantId, name, body, ETags.expectedVersion(ifMatch))
                .map(stored -> Written.replaced(uriInfo, stored));
    }

    @GET
    @RequiresPermission("alerts:read")
    @Operation(summary = "The tenant's rules, by name")
    @APIResponse(responseCode = "200", description = "A page of rules", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RulePage.class)))
    public Uni<Page<Rule>> list(@PathParam("tenantId") String tenantId, @BeanParam PageRequest page) {
        page.limit();
        page.offset();
        return rules.list(tenantId).map(all -> Page.of(all, page));
    }

    @GET
    @Path("/{name}")
    @RequiresPermission("alerts:read")
    @Operation(summary = "One rule")
    @APIResponse(responseCode = "200", description = "The rule", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Rule.class)))
    public Uni<Response> get(@PathParam("tenantId") String tenantId, @PathParam("name") String name) {
        return rules.get(tenantId, name).map(Written::found);
    }

    @DELETE
    @Path("/{name}")
    @RequiresPermission("alerts:write")
    @Audited(action = "rule.delete", resource = "rules")
    @Operation(summary = "Remove a rule")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "412", description = "If-Match names another version than the current one")
    public Uni<Response> delete(@PathParam("tenantId") String tenantId, @PathParam("name") String name,
            @HeaderParam("If-Match") String ifMatch) {
        return rules.delete(tenantId, name, ETags.expectedVersion(ifMatch)).map(x -> Response.noContent().build());
    }
}

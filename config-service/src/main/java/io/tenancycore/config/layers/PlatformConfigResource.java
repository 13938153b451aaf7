package io.tenancycore.config.layers;

import io.tenancycore.config.support.Keys;
import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.audit.Audited;
import io.tenancycore.commons.permission.RequiresPermission;
import io.tenancycore.commons.tenant.TenantContext;
import io.tenancycore.config.support.Callers;
import io.tenancycore.config.support.PlatformOnly;
import io.tenancycore.config.support.ConfigProblems;
import io.tenancycore.commons.api.ETags;
import io.tenancycore.config.support.RedisKeys;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The platform-wide layers every tenant inherits: global defaults, and one layer per environment. */
@Path("/v1/config")
@PlatformOnly
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Platform configuration", description = "Global defaults and environment layers (platform admins)")
public class PlatformConfigResource {

    @Inject
    ConfigService config;
    @Inject
    EnvironmentDefaults defaults;
    @Inject
    TenantContext caller;
    @Context
    UriInfo uriInfo;

    @GET
    @Path("/global")
    @RequiresPermission("config:read")
    @Operation(summary = "The global layer", description = "ETag: the platform revision; If-None-Match → 304")
    @APIResponse(responseCode = "200", description = "Key → value", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "304", description = "Unchanged since the If-None-Match tag")
    public Uni<Response> global(@HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return tagged(config.platformLayer(Layer.global()), ifNoneMatch);
    }

    @GET
    @Path("/environments/{env}")
    @RequiresPermission("config:read")
    @Operation(summary = "An environment layer: core.yaml overlaid with what was set through the API",
            description = "ETag: the platform revision; If-None-Match → 304")
    @APIResponse(responseCode = "200", description = "Key → value", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "304", description = "Unchanged since the If-None-Match tag")
    public Uni<Response> environment(@PathParam("env") String environment,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        config.requireEnvironment(environment);
        return tagged(config.platformLayer(Layer.environment(environment)).map(written -> {
            Map<String, JsonNode> all = new TreeMap<>();
            defaults.of(environment).forEach((key, value) -> all.put(key, value.value()));
            all.putAll(written);
            return all;
        }), ifNoneMatch);
    }

    /** The platform revision is read first: a layer read after it is at least that recent. */
    private Uni<Response> tagged(Uni<Map<String, JsonNode>> layer, String ifNoneMatch) {
        return config.state(RedisKeys.PLATFORM).chain(state -> layer.map(values -> {
            String tag = Long.toString(state.revision());
            return ETags.notModified(ifNoneMatch, tag) ? Response.notModified(new EntityTag(tag)).build()
                    : Response.ok(values).tag(tag).build();
        }));
    }

    @PUT
    @Path("/global/keys/{key}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission("config:write")
    @Audited(action = "config.global.put", resource = "config")
    @Operation(summary = "Set a global default", description = "If-Match/If-None-Match as for a tenant's key")
    @APIResponse(responseCode = "200", description = "Replaced", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ConfigViews.Key.class)))
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ConfigViews.Key.class)))
    @APIResponse(responseCode = "412", description = "The key moved past the If-Match tag")
    public Uni<Response> putGlobal(@PathParam("key") String key, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch, @NotNull @Valid ConfigWrite write) {
        return put(Layer.global(), key, ifMatch, ifNoneMatch, write);
    }

    @DELETE
    @Path("/global/keys/{key}")
    @RequiresPermission("config:write")
    @Audited(action = "config.global.delete", resource = "config")
    @Operation(summary = "Remove a global default")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "The key is not set")
    @APIResponse(responseCode = "412", description = "The key moved past the If-Match tag")
    public Uni<Response> deleteGlobal(@PathParam("key") String key,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return config.delete(Callers.actor(caller), RedisKeys.PLATFORM, Layer.global(), key,
                Revisions.forKey(ifMatch, null, Layer.global())).map(ConfigResource::deleted);
    }

    @PUT
    @Path("/environments/{env}/keys/{key}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission("config:write")
    @Audited(action = "config.environment.put", resource = "config")
    @Operation(summary = "Set a key of an environment layer", description = "If-Match/If-None-Match as for a "
            + "tenant's key")
    @APIResponse(responseCode = "200", description = "Replaced", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ConfigViews.Key.class)))
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ConfigViews.Key.class)))
    @APIResponse(responseCode = "412", description = "The key moved past the If-Match tag")
    public Uni<Response> putEnvironment(@PathParam("env") String environment, @PathParam("key") String key,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch, @NotNull @Valid ConfigWrite write) {
        config.requireEnvironment(environment);
        return put(Layer.environment(environment), key, ifMatch, ifNoneMatch, write);
    }

    @DELETE
    @Path("/environments/{env}/keys/{key}")
    @RequiresPermission("config:write")
    @Audited(action = "config.environment.delete", resource = "config")
    @Operation(summary = "Remove a key of an environment layer (core.yaml's value, if any, shows again)")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "The key is not set through the API")
    @APIResponse(responseCode = "412", description = "The key moved past the If-Match tag")
    public Uni<Response> deleteEnvironment(@PathParam("env") String environment, @PathParam("key") String key,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        config.requireEnvironment(environment);
        return config.delete(Callers.actor(caller), RedisKeys.PLATFORM, Layer.environment(environment), key,
                Revisions.forKey(ifMatch, null, Layer.environment(environment))).map(ConfigResource::deleted);
    }

    private Uni<Response> put(Layer layer, String key, String ifMatch, String ifNoneMatch, ConfigWrite write) {
        if (write.isSecret()) {
            throw ConfigProblems.invalidInput("secret", "secrets are per tenant; platform layers hold none");
        }
        return config.put(Callers.actor(caller), RedisKeys.PLATFORM, layer, key, write,
                Revisions.forKey(ifMatch, ifNoneMatch, layer))
                .map(committed -> ConfigResource.keyWritten(uriInfo, layer, key, write, committed, "******"));
    }
}

package io.tenancycore.config.layers;

import io.tenancycore.config.support.Keys;
import com.fasterxml.jackson.core.JacksonException;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.audit.Audited;
import io.tenancycore.commons.error.ProblemException;
import io.tenancycore.commons.permission.RequiresPermission;
import io.tenancycore.commons.tenant.TenantContext;
import io.tenancycore.config.support.Callers;
import io.tenancycore.config.support.ConfigProblems;
import io.tenancycore.config.support.ConfigServiceConfig;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/tenants/{tenantId}/config")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Configuration", description = "Layered, versioned configuration of a tenant")
public class ConfigResource {

    public static final String YAML = "application/yaml";
    static final String SECRETS_READ = "config:secrets:read";
    private static final ObjectMapper YAML_MAPPER = new YAMLMapper();
    private static final ObjectMapper JSON_MAPPER = new ObjectMapper();

    /**
     * The JSON of a cached view with its secrets masked, made once per view object (weak keys: it goes when the
     * cache lets the view go): serializing the same merged view again for every cached read was a visible part of it.
     */
    private static final Cache<EffectiveConfig, byte[]> MASKED_JSON = Caffeine.newBuilder().weakKeys()
            .maximumSize(20_000).build();

    @Inject
    ObjectMapper mapper;
    @Inject
    ConfigService config;
    @Inject
    ConfigServiceConfig settings;
    @Inject
    TenantContext caller;
    @Inject
    Callers callers;

    @GET
    @RequiresPermission("config:read")
    @Operation(summary = "The merged configuration", description = "global < environment < tenant < "
            + "tenant@environment; each key names the layer it came from. revision= reads the past; secrets are "
            + "masked unless reveal=true and the caller holds config:secrets:read.")
    @APIResponse(responseCode = "410", description = "That revision was compacted")
    public Uni<Response> effective(@PathParam("tenantId") String tenantId,
            @Parameter(description = "dev, staging or prod") @QueryParam("env") String environment,
            @QueryParam("revision") Long revision, @QueryParam("reveal") boolean reveal) {
        config.requireEnvironment(environment);
        if (!reveal) {
            // the everyday read (a cache hit): secrets masked, nothing to decrypt, so one step instead of a pipeline
            return read(tenantId, environment, revision).map(view -> Response.ok(
                    MASKED_JSON.get(view, this::maskedAsJson), MediaType.APPLICATION_JSON)
                    .tag(String.valueOf(view.revision())).build());
        }
        return mayReveal(true).chain(allowed -> read(tenantId, environment, revision)
                .chain(view -> render(tenantId, view, allowed)))
                .map(ConfigResource::tagged);
    }

    private static Response tagged(ConfigViews.Effective view) {
        return Response.ok(view).tag(String.valueOf(view.revision())).build();
    }

    @GET
    @Path("/keys/{key}")
    @RequiresPermission("config:read")
    @Operation(summary = "One key of the merged configuration")
    @APIResponse(responseCode = "404", description = "The key is set in no layer")
    public Uni<ConfigViews.Key> key(@PathParam("tenantId") String tenantId, @PathParam("key") String key,
            @QueryParam("env") String environment, @QueryParam("revision") Long revision,
            @QueryParam("reveal") boolean reveal) {
        Keys.requireValid("key", key);
        config.requireEnvironment(environment);
        return mayReveal(reveal).chain(allowed -> read(tenantId, environment, revision).chain(view -> {
            EffectiveEntry entry = view.entries().get(key);
            if (entry == null) {
                throw ProblemException.notFound("Key '" + key + "' is not set for tenant '" + tenantId + "'.");
            }
            return shown(tenantId, entry, allowed).map(value -> new ConfigViews.Key(key, value, entry.layer(),
                    entry.secret(), view.revision()));
        }));
    }

    @PUT
    @Path("/keys/{key}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission("config:write")
    @Audited(action = "config.put", resource = "config")
    @Operation(summary = "Set a key in the tenant layer (or tenant@env with env=)", description = "If-Match with "
            + "the revision last read makes the write conditional")
    @APIResponse(responseCode = "412", description = "The tenant moved past the If-Match revision")
    @APIResponse(responseCode = "422", description = "The namespace's schema refuses the value; every violation")
    public Uni<Response> put(@PathParam("tenantId") String tenantId, @PathParam("key") String key,
            @QueryParam("env") String environment, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @NotNull @Valid ConfigWrite write) {
        Layer layer = Layer.tenant(config.requireEnvironment(environment));
        return config.put(Callers.actor(caller), tenantId, layer, key, write, Revisions.ifMatch(ifMatch))
                .map(ConfigResource::written);
    }

    @DELETE
    @Path("/keys/{key}")
    @RequiresPermission("config:write")
    @Audited(action = "config.delete", resource = "config")
    @Operation(summary = "Remove a key from the tenant layer (or tenant@env)")
    @APIResponse(responseCode = "404", description = "The key is not set in that layer")
    public Uni<Response> delete(@PathParam("tenantId") String tenantId, @PathParam("key") String key,
            @QueryParam("env") String environment, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        Layer layer = Layer.tenant(config.requireEnvironment(environment));
        return config.delete(Callers.actor(caller), tenantId, layer, key, Revisions.ifMatch(ifMatch))
                .map(ConfigResource::written);
    }

    @POST
    @Path("/import")
    @Consumes({ MediaType.APPLICATION_JSON, YAML })
    @RequiresPermission("config:write")
    @Audited(action = "config.import", resource = "config")
    @Operation(summary = "Set many keys of one layer as one revision", description = "Body: a flat map of dotted "
            + "keys to values, as JSON or YAML")
    public Uni<Response> importValues(@PathParam("tenantId") String tenantId, @QueryParam("env") String environment,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @NotNull String body) {
        Layer layer = Layer.tenant(config.requireEnvironment(environment));
        Map<String, JsonNode> values = parseFlatMap(body, contentType != null && contentType.contains("yaml"));
        return config.importValues(Callers.actor(caller), tenantId, layer, values, Revisions.ifMatch(ifMatch))
                .map(ConfigResource::written);
    }

    @GET
    @Path("/export")
    @Produces({ MediaType.APPLICATION_JSON, YAML })
    @RequiresPermission("config:read")
    @Operation(summary = "The tenant layer (or tenant@env) as a flat map, JSON or YAML; secrets are left out")
    public Uni<Response> export(@PathParam("tenantId") String tenantId, @QueryParam("env") String environment,
            @QueryParam("format") String format) {
        Layer layer = Layer.tenant(config.requireEnvironment(environment));
        boolean yaml = "yaml".equalsIgnoreCase(format);
        return config.export(tenantId, layer).map(values -> {
            try {
                return yaml ? Response.ok(YAML_MAPPER.writeValueAsString(values), YAML).build()
                        : Response.ok(JSON_MAPPER.writeValueAsString(values), MediaType.APPLICATION_JSON).build();
            } catch (JacksonException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @POST
    @Path("/rollback")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission("config:write")
    @Audited(action = "config.rollback", resource = "config")
    @Operation(summary = "Make every tenant layer what it was at a revision", description = "The rollback is "
            + "itself a new revision")
    public Uni<Response> rollback(@PathParam("tenantId") String tenantId,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @NotNull @Valid ConfigViews.Rollback request) {
        return config.rollback(Callers.actor(caller), tenantId, request.toRevision(), Revisions.ifMatch(ifMatch))
                .map(ConfigResource::written);
    }

    private Uni<EffectiveConfig> read(String tenantId, String environment, Long revision) {
        return revision == null ? config.effective(tenantId, environment)
                : config.effectiveAt(tenantId, environment, revision);
    }

    private Uni<Boolean> mayReveal(boolean reveal) {
        if (!reveal) {
            return Uni.createFrom().item(false);
        }
        return callers.holds(caller, SECRETS_READ).map(allowed -> {
            if (!allowed) {
                throw ConfigProblems.forbidden("Missing permission '" + SECRETS_READ + "'.");
            }
            return true;
        });
    }

    private Uni<ConfigViews.Effective> render(String tenantId, EffectiveConfig view, boolean reveal) {
        if (!reveal) {
            return Uni.createFrom().item(masked(view));
        }
        List<String> keys = new ArrayList<>(view.entries().keySet());
        List<Uni<JsonNode>> values = keys.stream().map(key -> shown(tenantId, view.entries().get(key), reveal))
                .toList();
        Uni<List<JsonNode>> all = values.isEmpty() ? Uni.createFrom().item(List.of())
                : Uni.join().all(values).andFailFast();
        return all.map(shownValues -> {
            Map<String, ConfigViews.Entry> entries = new LinkedHashMap<>();
            for (int i = 0; i < keys.size(); i++) {
                EffectiveEntry entry = view.entries().get(keys.get(i));
                entries.put(keys.get(i), new ConfigViews.Entry(shownValues.get(i), entry.layer(), entry.secret()));
            }
            return new ConfigViews.Effective(view.tenantId(), view.environment(), view.revision(),
                    view.platformRevision(), entries);
        });
    }

    private byte[] maskedAsJson(EffectiveConfig view) {
        try {
            return mapper.writeValueAsBytes(masked(view));
        } catch (JacksonException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The view with every secret masked: nothing to decrypt, so no per-key Uni to join. */
    private ConfigViews.Effective masked(EffectiveConfig view) {
        Map<String, ConfigViews.Entry> entries = new LinkedHashMap<>();
        view.entries().forEach((key, entry) -> entries.put(key, new ConfigViews.Entry(entry.secret()
                ? TextNode.valueOf(settings.secretMask()) : entry.value(), entry.layer(), entry.secret())));
        return new ConfigViews.Effective(view.tenantId(), view.environment(), view.revision(),
                view.platformRevision(), entries);
    }

    private Uni<JsonNode> shown(String tenantId, EffectiveEntry entry, boolean reveal) {
        if (!entry.secret()) {
            return Uni.createFrom().item(entry.value());
        }
        return reveal ? config.reveal(tenantId, entry) : Uni.createFrom().item(TextNode.valueOf(settings.secretMask()));
    }

    static Map<String, JsonNode> parseFlatMap(String body, boolean yaml) {
        try {
            Map<String, JsonNode> values = (yaml ? YAML_MAPPER : JSON_MAPPER).readValue(body,
                    new TypeReference<LinkedHashMap<String, JsonNode>>() {
                    });
            if (values == null) {
                throw ConfigProblems.invalidInput("", "nothing to import");
            }
            return values;
        } catch (JacksonException e) {
            throw ConfigProblems.invalidInput("", "the body must be a map of dotted keys to values ("
                    + (yaml ? "YAML" : "JSON") + "): " + e.getOriginalMessage());
        }
    }

    static Response written(long revision) {
        return Response.ok(new ConfigViews.Written(revision)).tag(String.valueOf(revision)).build();
    }
}

package io.tenancycore.config.layers;

import io.tenancycore.config.support.Keys;
import com.fasterxml.jackson.core.JacksonException;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.audit.AuditLog;
import io.tenancycore.commons.audit.AuditRecord;
import io.tenancycore.commons.audit.Audited;
import io.tenancycore.commons.error.ProblemException;
import io.tenancycore.commons.permission.RequiresPermission;
import io.tenancycore.commons.tenant.TenantContext;
import io.tenancycore.config.support.Callers;
import io.tenancycore.config.support.ConfigProblems;
import io.tenancycore.config.support.ConfigServiceConfig;
import io.tenancycore.commons.api.ETags;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/tenants/{tenantId}/config")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Configuration", description = "Layered, versioned configuration of a tenant")
public class ConfigResource {

    public static final String YAML = "application/yaml";
    /** Export's answer header: the keys of the secrets it left out. */
    public static final String OMITTED_SECRETS = "Tenancy-Omitted-Secrets";
    static final String SECRETS_READ = "config:secrets:read";
    static final String REVEAL_ACTION = "config.secrets.reveal";
    /** An audit record names at most this many revealed keys (and counts them all). */
    private static final int MAX_AUDITED_KEYS = 100;

    /**
     * The JSON of a cached view with its secrets masked, made once per view object (weak keys: it goes when the
     * cache lets the view go): serializing the same merged view again for every cached read was a visible part of it.
     */
    private static final Cache<EffectiveConfig, MaskedView> MASKED_JSON = Caffeine.newBuilder().weakKeys()
            .maximumSize(20_000).build();

    /** A cached view as answered: its masked JSON and its entity tag, both made once. */
    private record MaskedView(byte[] json, String tag, EntityTag entityTag) {
    }

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
    @Inject
    AuditLog auditLog;
    @Context
    UriInfo uriInfo;

    @GET
    @RequiresPermission("config:read")
    @Operation(summary = "The merged configuration", description = "global < environment < tenant < "
            + "tenant@environment; each key names the layer it came from and the revision that last set it. "
            + "prefix= keeps the keys that start with it; revision= reads the view as it was right after that "
            + "revision (the platform layers as they were then; platform_revision= picks another platform "
            + "revision). Secrets are masked unless reveal=true and the caller holds config:secrets:read. The "
            + "ETag (\"<revision>.<platform_revision>\") changes when any layer changes; If-None-Match → 304.")
    @APIResponse(responseCode = "200", description = "The view", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ConfigViews.Effective.class)))
    @APIResponse(responseCode = "304", description = "Unchanged since the If-None-Match tag")
    @APIResponse(responseCode = "404", description = "That revision does not exist yet")
    @APIResponse(responseCode = "410", description = "That revision is older than the history kept")
    public Uni<Response> effective(@PathParam("tenantId") String tenantId,
            @Parameter(description = "dev, staging or prod") @QueryParam("env") String environment,
            @QueryParam("revision") Long revision,
            @QueryParam("platform_revision") Long platformRevision,
            @Parameter(description = "Only keys starting with it, e.g. mail.") @QueryParam("prefix") String prefix,
            @QueryParam("reveal") boolean reveal, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        config.requireEnvironment(environment);
        if (platformRevision != null && revision == null) {
            throw ConfigProblems.invalidInput("platform_revision", "platform_revision goes with revision");
        }
        if (!reveal && prefix == null) {
            // the everyday read: secrets masked, nothing to decrypt; an L1 hit is answered at once (JFR showed the
            // per-operator cost of a Mutiny pipeline, context capture included, on this path)
            EffectiveConfig cached = revision == null ? config.effectiveIfCachedLocally(tenantId, environment) : null;
            if (cached != null) {
                return Uni.createFrom().item(maskedResponse(cached, ifNoneMatch));
            }
            return read(tenantId, environment, revision, platformRevision)
                    .map(view -> maskedResponse(view, ifNoneMatch));
        }
        return mayReveal(reveal).chain(allowed -> read(tenantId, environment, revision, platformRevision)
                .chain(view -> {
                    if (matches(ifNoneMatch, view.tag())) {
                        return Uni.createFrom().item(notModified(view.tag()));
                    }
                    EffectiveConfig shownView = withPrefix(view, prefix);
                    return render(tenantId, shownView, allowed)
                            .call(() -> allowed ? auditReveal(tenantId, secretKeys(shownView)) : Uni.createFrom().voidItem())
                            .map(shown -> Response.ok(shown).tag(view.tag()).build());
                }));
    }

    @GET
    @Path("/keys/{key}")
    @RequiresPermission("config:read")
    @Operation(summary = "One key of the merged configuration", description = "The ETag is "
            + "\"<layer>:<mod_revision>\"; send it as If-Match to write the key only if it did not change since")
    @APIResponse(responseCode = "200", description = "The key", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ConfigViews.Key.class)))
    @APIResponse(responseCode = "304", description = "Unchanged since the If-None-Match tag")
    @APIResponse(responseCode = "404", description = "The key is set in no layer")
    public Uni<Response> key(@PathParam("tenantId") String tenantId, @PathParam("key") String key,
            @QueryParam("env") String environment, @QueryParam("revision") Long revision,
            @QueryParam("reveal") boolean reveal, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        Keys.requireValid("key", key);
        config.requireEnvironment(environment);
        return mayReveal(reveal).chain(allowed -> read(tenantId, environment, revision, null).chain(view -> {
            EffectiveEntry entry = view.entries().get(key);
            if (entry == null) {
                throw ProblemException.notFound("Key '" + key + "' is not set for tenant '" + tenantId + "'.");
            }
            String tag = Revisions.keyTag(entry.layer(), entry.modRevision());
            if (matches(ifNoneMatch, tag)) {
                return Uni.createFrom().item(notModified(tag));
            }
            return shown(tenantId, entry, allowed)
                    .call(() -> allowed && entry.secret() ? auditReveal(tenantId, List.of(key))
                            : Uni.createFrom().voidItem())
                    .map(value -> Response.ok(new ConfigViews.Key(key, value, entry.layer(), entry.secret(),
                            entry.modRevision(), view.revision())).tag(tag).build());
        }));
    }

    @PUT
    @Path("/keys/{key}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission("config:write")
    @Audited(action = "config.put", resource = "config")
    @Operation(summary = "Set a key in the tenant layer (or tenant@env with env=)", description = "If-Match with "
            + "the key's ETag (or its mod_revision) writes only if the key did not change since — other keys' "
            + "writes do not matter; a view's ETag (\"12.4\") makes it conditional on the whole tenant instead. "
            + "If-None-Match: * creates the key only if the layer does not have it.")
    @APIResponse(responseCode = "200", description = "Replaced", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ConfigViews.Key.class)))
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ConfigViews.Key.class)))
    @APIResponse(responseCode = "412", description = "The key (or the tenant) moved past the If-Match tag")
    @APIResponse(responseCode = "422", description = "The namespace's schema refuses the value; every violation")
    public Uni<Response> put(@PathParam("tenantId") String tenantId, @PathParam("key") String key,
            @QueryParam("env") String environment, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch, @NotNull @Valid ConfigWrite write) {
        Layer layer = Layer.tenant(config.requireEnvironment(environment));
        return config.put(Callers.actor(caller), tenantId, layer, key, write,
                Revisions.forKey(ifMatch, ifNoneMatch, layer))
                .map(committed -> keyWritten(uriInfo, layer, key, write, committed, settings.secretMask()));
    }

    @DELETE
    @Path("/keys/{key}")
    @RequiresPermission("config:write")
    @Audited(action = "config.delete", resource = "config")
    @Operation(summary = "Remove a key from the tenant layer (or tenant@env)", description = "If-Match as for a "
            + "write; the new revision is the ETag of the answer")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "The key is not set in that layer")
    @APIResponse(responseCode = "412", description = "The key (or the tenant) moved past the If-Match tag")
    public Uni<Response> delete(@PathParam("tenantId") String tenantId, @PathParam("key") String key,
            @QueryParam("env") String environment, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        Layer layer = Layer.tenant(config.requireEnvironment(environment));
        return config.delete(Callers.actor(caller), tenantId, layer, key, Revisions.forKey(ifMatch, null, layer))
                .map(ConfigResource::deleted);
    }

    @POST
    @Path("/import")
    @Consumes({ MediaType.APPLICATION_JSON, YAML })
    @RequiresPermission("config:write")
    @Audited(action = "config.import", resource = "config")
    @Operation(summary = "Set many keys of one layer as one revision", description = "Body: JSON or YAML, nested "
            + "(flattened into dotted keys as core.yaml is: {\"mail\": {\"host\": \"x\"}} sets mail.host) or "
            + "already flat. mode=merge (default) sets the given keys and keeps the others; mode=replace makes the "
            + "layer exactly the body (keys it lacks are removed, secrets included).")
    @APIResponse(responseCode = "200", description = "The revision written", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConfigViews.Written.class)))
    @APIResponse(responseCode = "400", description = "Unreadable body or unknown mode")
    @APIResponse(responseCode = "412", description = "The tenant moved past the If-Match revision")
    @APIResponse(responseCode = "415", description = "Neither JSON nor YAML")
    @APIResponse(responseCode = "422", description = "The namespace's schema refuses the values; every violation")
    public Uni<Response> importValues(@PathParam("tenantId") String tenantId, @QueryParam("env") String environment,
            @Parameter(description = "merge (default) or replace") @QueryParam("mode") String mode,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @NotNull String body) {
        Layer layer = Layer.tenant(config.requireEnvironment(environment));
        boolean replace = ImportMode.parse(mode) == ImportMode.REPLACE;
        Map<String, JsonNode> values = ConfigDocuments.flatten(body, contentType != null && contentType.contains("yaml"));
        return config.importValues(Callers.actor(caller), tenantId, layer, values, replace, Revisions.ifMatch(ifMatch))
                .map(committed -> written(committed.revision()));
    }

    @GET
    @Path("/export")
    @Produces({ MediaType.APPLICATION_JSON, YAML })
    @RequiresPermission("config:read")
    @Operation(summary = "The tenant layer (or tenant@env) as a flat map, JSON or YAML", description = "Secrets "
            + "are left out: the " + OMITTED_SECRETS + " header lists their keys (YAML also names them in a "
            + "leading comment)")
    @APIResponse(responseCode = "200", description = "The layer's plain values", headers = @Header(
            name = OMITTED_SECRETS, description = "Comma-separated keys of the secrets left out (absent: none)"),
            content = { @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT)),
                    @Content(mediaType = YAML, schema = @Schema(type = SchemaType.STRING)) })
    public Uni<Response> export(@PathParam("tenantId") String tenantId, @QueryParam("env") String environment,
            @QueryParam("format") String format) {
        Layer layer = Layer.tenant(config.requireEnvironment(environment));
        boolean yaml = "yaml".equalsIgnoreCase(format);
        if (format != null && !yaml && !"json".equalsIgnoreCase(format)) {
            throw ConfigProblems.invalidInput("format", "format must be json or yaml");
        }
        return config.export(tenantId, layer).map(exported -> {
            String omitted = String.join(",", exported.omittedSecrets());
            Response.ResponseBuilder answer = yaml
                    ? Response.ok(ConfigDocuments.yaml(exported.values(), exported.omittedSecrets()), YAML)
                    : Response.ok(ConfigDocuments.json(exported.values()), MediaType.APPLICATION_JSON);
            return (omitted.isEmpty() ? answer : answer.header(OMITTED_SECRETS, omitted)).build();
        });
    }

    @POST
    @Path("/rollback")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission("config:write")
    @Audited(action = "config.rollback", resource = "config")
    @Operation(summary = "Make every tenant layer what it was at a revision", description = "The rollback is "
            + "itself a new revision")
    @APIResponse(responseCode = "200", description = "The revision written", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConfigViews.Written.class)))
    @APIResponse(responseCode = "412", description = "The tenant moved past the If-Match revision")
    public Uni<Response> rollback(@PathParam("tenantId") String tenantId,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @NotNull @Valid ConfigViews.Rollback request) {
        return config.rollback(Callers.actor(caller), tenantId, request.toRevision(), Revisions.ifMatch(ifMatch))
                .map(committed -> written(committed.revision()));
    }

    private Uni<EffectiveConfig> read(String tenantId, String environment, Long revision, Long platformRevision) {
        return revision == null ? config.effective(tenantId, environment)
                : config.effectiveAt(tenantId, environment, revision, platformRevision);
    }

    private Response maskedResponse(EffectiveConfig view, String ifNoneMatch) {
        MaskedView shown = MASKED_JSON.get(view, this::maskedAsJson);
        if (ifNoneMatch != null && matches(ifNoneMatch, shown.tag())) {
            return notModified(shown.tag());
        }
        return Response.ok(shown.json(), MediaType.APPLICATION_JSON).tag(shown.entityTag()).build();
    }

    private static EffectiveConfig withPrefix(EffectiveConfig view, String prefix) {
        if (prefix == null) {
            return view;
        }
        Map<String, EffectiveEntry> kept = new LinkedHashMap<>();
        view.entries().forEach((key, entry) -> {
            if (key.startsWith(prefix)) {
                kept.put(key, entry);
            }
        });
        return new EffectiveConfig(view.tenantId(), view.environment(), view.revision(), view.platformRevision(),
                kept);
    }

    static boolean matches(String ifNoneMatch, String tag) {
        return ETags.notModified(ifNoneMatch, tag);
    }

    private static Response notModified(String tag) {
        return Response.notModified(new EntityTag(tag)).build();
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

    private static List<String> secretKeys(EffectiveConfig view) {
        return view.entries().entrySet().stream().filter(entry -> entry.getValue().secret()).map(Map.Entry::getKey)
                .sorted().toList();
    }

    /**
     * A secret read in clear is an access worth a record (who, which keys — never the values), like a write; a lost
     * record is logged by the audit log and does not fail the read.
     */
    private Uni<Void> auditReveal(String tenantId, List<String> secretKeys) {
        if (secretKeys.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        AuditRecord record = AuditRecord.of(caller.subject().orElse(AuditRecord.ANONYMOUS_ACTOR), tenantId,
                REVEAL_ACTION, "config", AuditRecord.Outcome.SUCCESS)
                .withRequest(caller.sourceIp().orElse(null), caller.traceId().orElse(null))
                .withDetails(Map.of("keys", secretKeys.subList(0, Math.min(secretKeys.size(), MAX_AUDITED_KEYS)),
                        "count", secretKeys.size()));
        return auditLog.record(record).onFailure().recoverWithNull();
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
                entries.put(keys.get(i), new ConfigViews.Entry(shownValues.get(i), entry.layer(), entry.secret(),
                        entry.modRevision()));
            }
            return new ConfigViews.Effective(view.tenantId(), view.environment(), view.revision(),
                    view.platformRevision(), entries);
        });
    }

    private MaskedView maskedAsJson(EffectiveConfig view) {
        try {
            return new MaskedView(mapper.writeValueAsBytes(masked(view)), view.tag(), new EntityTag(view.tag()));
        } catch (JacksonException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The view with every secret masked: nothing to decrypt, so no per-key Uni to join. */
    private ConfigViews.Effective masked(EffectiveConfig view) {
        Map<String, ConfigViews.Entry> entries = new LinkedHashMap<>();
        view.entries().forEach((key, entry) -> entries.put(key, new ConfigViews.Entry(entry.secret()
                ? TextNode.valueOf(settings.secretMask()) : entry.value(), entry.layer(), entry.secret(),
                entry.modRevision())));
        return new ConfigViews.Effective(view.tenantId(), view.environment(), view.revision(),
                view.platformRevision(), entries);
    }

    private Uni<JsonNode> shown(String tenantId, EffectiveEntry entry, boolean reveal) {
        if (!entry.secret()) {
            return Uni.createFrom().item(entry.value());
        }
        return reveal ? config.reveal(tenantId, entry) : Uni.createFrom().item(TextNode.valueOf(settings.secretMask()));
    }

    static Response written(long revision) {
        return Response.ok(new ConfigViews.Written(revision)).tag(String.valueOf(revision)).build();
    }

    static Response deleted(ConfigService.Committed committed) {
        return Response.noContent().tag(String.valueOf(committed.revision())).build();
    }

    /** 201 with Location for a new key, else 200; the body is the key as written, its ETag the key's tag. */
    static Response keyWritten(UriInfo uri, Layer layer, String key, ConfigWrite write,
            ConfigService.Committed committed, String mask) {
        ConfigViews.Key view = new ConfigViews.Key(key, write.isSecret() ? TextNode.valueOf(mask) : write.value(),
                layer.id(), write.isSecret(), committed.revision(), committed.revision());
        Response.ResponseBuilder answer = committed.created() ? Response.created(uri.getRequestUri())
                : Response.ok();
        return answer.entity(view).tag(Revisions.keyTag(layer.id(), committed.revision())).build();
    }
}

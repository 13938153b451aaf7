package io.tenancycore.template.api;

import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.api.ETags;
import io.tenancycore.commons.audit.Audited;
import io.tenancycore.commons.lease.WriteLocks;
import io.tenancycore.commons.permission.RequiresPermission;
import io.tenancycore.commons.validation.TenantId;
import io.tenancycore.template.catalog.TemplateService;
import io.tenancycore.template.settings.TemplateSettings;
import io.tenancycore.template.support.RedisKeys;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/tenants/{tenantId}/template-settings")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Settings", description = "The tenant's default locale")
public class SettingsResource {

    @Inject
    TemplateService templates;

    @Inject
    WriteLocks writeLocks;

    @GET
    @RequiresPermission("templates:read")
    @Operation(summary = "The tenant's template settings (default locale en until set), with their ETag")
    @APIResponse(responseCode = "200", description = "The settings; ETag is their version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = TemplateSettings.class)))
    @APIResponse(responseCode = "304", description = "If-None-Match names the current version")
    public Uni<Response> get(@PathParam("tenantId") @TenantId String tenantId,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return templates.settings(tenantId).map(settings -> {
            String version = version(settings);
            return ETags.notModified(ifNoneMatch, version) ? Response.notModified(ETags.of(version)).build()
                    : Response.ok(settings).tag(version).build();
        });
    }

    @PUT
    @RequiresPermission("templates:write")
    @Audited(action = "template.settings.update", resource = "template-settings")
    @Operation(summary = "Set the tenant's default locale (tried after the requested locale, before en)")
    @APIResponse(responseCode = "200", description = "Stored; ETag is the new version",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = TemplateSettings.class)))
    @APIResponse(responseCode = "412", description = "If-Match does not match the settings' ETag")
    public Uni<Response> put(@PathParam("tenantId") @TenantId String tenantId,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @NotNull @Valid TemplateSettings settings) {
        TemplateSettings canonical = new TemplateSettings(MessageResource.canonical(settings.defaultLocale()));
        return writeLocks.serialized(RedisKeys.settingsLock(tenantId), () -> templates.settings(tenantId)
                .invoke(current -> ETags.requireMatch(ifMatch, version(current)))
                .chain(() -> templates.updateSettings(tenantId, canonical)))
                .map(ignored -> Response.ok(canonical).tag(version(canonical)).build());
    }

    private static String version(TemplateSettings settings) {
        return ETags.digest("default_locale=" + settings.defaultLocale());
    }
}

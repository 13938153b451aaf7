package io.tenancycore.template.api;

import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.audit.Audited;
import io.tenancycore.commons.permission.RequiresPermission;
import io.tenancycore.commons.validation.TenantId;
import io.tenancycore.template.catalog.TemplateService;
import io.tenancycore.template.settings.TemplateSettings;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/tenants/{tenantId}/template-settings")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Settings", description = "The tenant's default locale")
public class SettingsResource {

    @Inject
    TemplateService templates;

    @GET
    @RequiresPermission("templates:read")
    @Operation(summary = "The tenant's template settings (default locale en until set)")
    public Uni<TemplateSettings> get(@PathParam("tenantId") @TenantId String tenantId) {
        return templates.settings(tenantId);
    }

    @PUT
    @RequiresPermission("templates:write")
    @Audited(action = "template.settings.update", resource = "template-settings")
    @Operation(summary = "Set the tenant's default locale (tried after the requested locale, before en)")
    public Uni<TemplateSettings> put(@PathParam("tenantId") @TenantId String tenantId,
            @NotNull @Valid TemplateSettings settings) {
        TemplateSettings canonical = new TemplateSettings(MessageResource.canonical(settings.defaultLocale()));
        return templates.updateSettings(tenantId, canonical).replaceWith(canonical);
    }
}

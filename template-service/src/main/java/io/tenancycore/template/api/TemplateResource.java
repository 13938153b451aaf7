package io.tenancycore.template.api;

import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.audit.Audited;
import io.tenancycore.commons.error.ProblemException;
import io.tenancycore.commons.permission.RequiresPermission;
import io.tenancycore.commons.tenant.TenantContext;
import io.tenancycore.commons.validation.TenantId;
import io.tenancycore.template.model.TemplateDraft;
import io.tenancycore.template.catalog.TemplateNames;
import io.tenancycore.template.catalog.TemplateService;
import io.tenancycore.template.catalog.TemplateVersion;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/tenants/{tenantId}/templates")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Templates", description = "Built-in and tenant templates, versions, validation")
public class TemplateResource {

    private static final String AUDIT_RESOURCE = "template";

    @Inject
    TemplateService templates;
    @Inject
    TenantContext caller;

    @GET
    @RequiresPermission("templates:read")
    @Operation(summary = "List the templates the tenant can render: its own and the built-in ones")
    public Uni<List<TemplateSummary>> list(@PathParam("tenantId") @TenantId String tenantId) {
        return templates.tenantNames(tenantId).chain(names -> {
            List<Uni<Optional<TemplateVersion>>> lookups = new ArrayList<>();
            names.forEach(name -> lookups.add(templates.effective(tenantId, name)));
            return lookups.isEmpty() ? Uni.createFrom().item(List.<Optional<TemplateVersion>>of())
                    : Uni.join().all(lookups).andFailFast();
        }).map(overrides -> {
            List<TemplateSummary> summaries = new ArrayList<>();
            overrides.stream().flatMap(Optional::stream).forEach(t -> summaries.add(
                    TemplateSummary.of(t, templates.builtins().find(t.name()).isPresent())));
            templates.builtins().all().values().stream()
                    .filter(builtin -> summaries.stream().noneMatch(s -> s.name().equals(builtin.name())))
                    .forEach(builtin -> summaries.add(TemplateSummary.of(builtin, false)));
            summaries.sort(Comparator.comparing(TemplateSummary::name));
            return summaries;
        });
    }

    @GET
    @Path("/{name}")
    @RequiresPermission("templates:read")
    @Operation(summary = "The template the tenant gets: its current version, else the built-in one")
    @APIResponse(responseCode = "404", description = "Neither the tenant nor the built-ins have it")
    public Uni<TemplateVersion> get(@PathParam("tenantId") @TenantId String tenantId,
            @PathParam("name") @Pattern(regexp = TemplateNames.PATTERN) String name) {
        return templates.effective(tenantId, name).map(found -> found.orElseThrow(() -> notFound(name)));
    }

    @PUT
    @Path("/{name}")
    @RequiresPermission("templates:write")
    @Audited(action = "template.update", resource = AUDIT_RESOURCE)
    @Operation(summary = "Store a new version of the tenant's template (override of a built-in or its own)")
    @APIResponse(responseCode = "201", description = "First version stored")
    @APIResponse(responseCode = "200", description = "New version stored")
    @APIResponse(responseCode = "409", description = "expected_version is not the current version")
    @APIResponse(responseCode = "422", description = "The template does not validate; problems with line and column")
    public Uni<Response> put(@PathParam("tenantId") @TenantId String tenantId,
            @PathParam("name") @Pattern(regexp = TemplateNames.PATTERN) String name,
            @NotNull @Valid TemplateDraft draft) {
        return templates.save(tenantId, name, draft, actor())
                .map(saved -> Response.status(saved.version() == 1 ? Response.Status.CREATED : Response.Status.OK)
                        .entity(saved).build());
    }

    @DELETE
    @Path("/{name}")
    @RequiresPermission("templates:write")
    @Audited(action = "template.delete", resource = AUDIT_RESOURCE)
    @Operation(summary = "Remove the tenant's version and history; a built-in of that name applies again")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "The tenant has no template of that name")
    public Uni<Response> delete(@PathParam("tenantId") @TenantId String tenantId,
            @PathParam("name") @Pattern(regexp = TemplateNames.PATTERN) String name) {
        return templates.delete(tenantId, name).map(deleted -> {
            if (!deleted) {
                throw notFound(name);
            }
            return Response.noContent().build();
        });
    }

    @GET
    @Path("/{name}/versions")
    @RequiresPermission("templates:read")
    @Operation(summary = "The tenant's kept versions of a template, newest first")
    public Uni<List<TemplateVersion>> versions(@PathParam("tenantId") @TenantId String tenantId,
            @PathParam("name") @Pattern(regexp = TemplateNames.PATTERN) String name) {
        return templates.versions(tenantId, name).map(versions -> {
            if (versions.isEmpty()) {
                throw notFound(name);
            }
            return versions;
        });
    }

    @GET
    @Path("/{name}/versions/{version}")
    @RequiresPermission("templates:read")
    @Operation(summary = "One version of the tenant's template")
    public Uni<TemplateVersion> version(@PathParam("tenantId") @TenantId String tenantId,
            @PathParam("name") @Pattern(regexp = TemplateNames.PATTERN) String name,
            @PathParam("version") @Positive int version) {
        return templates.version(tenantId, name, version)
                .map(found -> found.orElseThrow(() -> ProblemException.notFound(
                        "Template '" + name + "' has no version " + version + ".")));
    }

    @POST
    @Path("/{name}/rollback")
    @RequiresPermission("templates:write")
    @Audited(action = "template.rollback", resource = AUDIT_RESOURCE)
    @Operation(summary = "Make a copy of an earlier version the new current version")
    @APIResponse(responseCode = "404", description = "No such version")
    @APIResponse(responseCode = "409", description = "expected_version is not the current version")
    public Uni<TemplateVersion> rollback(@PathParam("tenantId") @TenantId String tenantId,
            @PathParam("name") @Pattern(regexp = TemplateNames.PATTERN) String name,
            @NotNull @Valid RollbackRequest request) {
        return templates.rollback(tenantId, name, request.version(), request.expectedVersion(), actor())
                .map(found -> found.orElseThrow(() -> ProblemException.notFound(
                        "Template '" + name + "' has no version " + request.version() + ".")));
    }

    @POST
    @Path("/{name}/validate")
    @RequiresPermission("templates:read")
    @Operation(summary = "Check a template without saving it")
    public Uni<ValidationResult> validate(@PathParam("tenantId") @TenantId String tenantId,
            @PathParam("name") @Pattern(regexp = TemplateNames.PATTERN) String name,
            @NotNull @Valid TemplateDraft draft) {
        return templates.validate(tenantId, name, draft)
                .map(problems -> new ValidationResult(problems.isEmpty(), problems));
    }

    private String actor() {
        return caller.subject().orElse("anonymous");
    }

    static ProblemException notFound(String name) {
        return ProblemException.notFound("No template '" + name + "' for this tenant.");
    }
}

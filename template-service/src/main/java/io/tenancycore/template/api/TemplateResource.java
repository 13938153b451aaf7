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
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import io.tenancycore.commons.api.ETags;
import io.tenancycore.commons.api.Page;
import io.tenancycore.commons.api.PageRequest;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
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
    @Operation(summary = "List the templates the tenant can render, its own and the built-in ones, by name")
    public Uni<Page<TemplateSummary>> list(@PathParam("tenantId") @TenantId String tenantId,
            @BeanParam PageRequest page) {
        page.limit();
        page.offset();
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
            return Page.of(summaries, page);
        });
    }

    @GET
    @Path("/{name}")
    @RequiresPermission("templates:read")
    @Operation(summary = "The template the tenant gets: its current version, else the built-in one (ETag: its "
            + "version, \"0\" for a built-in)")
    @APIResponse(responseCode = "200", description = "The template; ETag names its version",
            headers = @Header(name = HttpHeaders.ETAG, description = "The version, e.g. \"3\""),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = TemplateVersion.class)))
    @APIResponse(responseCode = "304", description = "If-None-Match names the current version")
    @APIResponse(responseCode = "404", description = "Neither the tenant nor the built-ins have it")
    public Uni<Response> get(@PathParam("tenantId") @TenantId String tenantId,
            @PathParam("name") @Pattern(regexp = TemplateNames.PATTERN) String name,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return templates.effective(tenantId, name).map(found -> {
            TemplateVersion template = found.orElseThrow(() -> notFound(name));
            if (ETags.notModified(ifNoneMatch, Integer.toString(template.version()))) {
                return Response.notModified(ETags.of(template.version())).build();
            }
            return withETag(Response.ok(template), template).build();
        });
    }

    @PUT
    @Path("/{name}")
    @RequiresPermission("templates:write")
    @Audited(action = "template.update", resource = AUDIT_RESOURCE)
    @Operation(summary = "Store a new version of the tenant's template (override of a built-in or its own); "
            + "If-Match: the version the change is based on (\"0\" = the tenant has no override yet)")
    @APIResponse(responseCode = "201", description = "The tenant's first version of this template; Location and "
            + "ETag name it",
            headers = { @Header(name = HttpHeaders.LOCATION, description = "The template's URL"),
                    @Header(name = HttpHeaders.ETAG, description = "The version, e.g. \"3\"") },
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = TemplateVersion.class)))
    @APIResponse(responseCode = "200", description = "New version stored; ETag names it",
            headers = @Header(name = HttpHeaders.ETAG, description = "The version, e.g. \"3\""),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = TemplateVersion.class)))
    @APIResponse(responseCode = "412", description = "If-Match does not name the current version")
    @APIResponse(responseCode = "422", description = "The template does not validate; problems with line and column",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(implementation = TemplateProblemDetails.class)))
    public Uni<Response> put(@PathParam("tenantId") @TenantId String tenantId,
            @PathParam("name") @Pattern(regexp = TemplateNames.PATTERN) String name,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @NotNull @Valid TemplateDraft draft,
            @Context UriInfo uri) {
        return templates.save(tenantId, name, draft, expected(ifMatch), actor()).map(saved -> {
            Response.ResponseBuilder response = saved.created()
                    ? Response.created(uri.getAbsolutePathBuilder().build()) : Response.ok();
            return withETag(response.entity(saved.version()), saved.version()).build();
        });
    }

    @DELETE
    @Path("/{name}")
    @RequiresPermission("templates:write")
    @Audited(action = "template.delete", resource = AUDIT_RESOURCE)
    @Operation(summary = "Remove the tenant's version and history; a built-in of that name applies again")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "The tenant has no template of that name")
    @APIResponse(responseCode = "412", description = "If-Match does not name the current version")
    public Uni<Response> delete(@PathParam("tenantId") @TenantId String tenantId,
            @PathParam("name") @Pattern(regexp = TemplateNames.PATTERN) String name,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return templates.delete(tenantId, name, expected(ifMatch)).map(deleted -> {
            if (!deleted) {
                throw notFound(name);
            }
            return Response.noContent().build();
        });
    }

    @GET
    @Path("/{name}/versions")
    @RequiresPermission("templates:read")
    @Operation(summary = "The tenant's kept versions of a template, newest first (empty for a built-in the tenant "
            + "has not overridden); 404 when neither the tenant nor the built-ins have it")
    public Uni<Page<TemplateVersion>> versions(@PathParam("tenantId") @TenantId String tenantId,
            @PathParam("name") @Pattern(regexp = TemplateNames.PATTERN) String name, @BeanParam PageRequest page) {
        page.limit();
        page.offset();
        return templates.versions(tenantId, name).map(versions -> {
            if (versions.isEmpty() && templates.builtins().find(name).isEmpty()) {
                throw notFound(name);
            }
            return Page.of(versions, page);
        });
    }

    @GET
    @Path("/{name}/versions/{version}")
    @RequiresPermission("templates:read")
    @Operation(summary = "One version of the tenant's template; 404 when it is not kept")
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
    @Operation(summary = "Make a copy of an earlier version the new current version; If-Match: the version the "
            + "rollback is based on")
    @APIResponse(responseCode = "200", description = "The new current version; ETag names it",
            headers = @Header(name = HttpHeaders.ETAG, description = "The version, e.g. \"3\""),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = TemplateVersion.class)))
    @APIResponse(responseCode = "404", description = "No such version")
    @APIResponse(responseCode = "422", description = "The restored version no longer validates",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(implementation = TemplateProblemDetails.class)))
    @APIResponse(responseCode = "412", description = "If-Match does not name the current version")
    public Uni<Response> rollback(@PathParam("tenantId") @TenantId String tenantId,
            @PathParam("name") @Pattern(regexp = TemplateNames.PATTERN) String name,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @NotNull @Valid RollbackRequest request) {
        return templates.rollback(tenantId, name, request.version(), expected(ifMatch), actor())
                .map(found -> found.orElseThrow(() -> ProblemException.notFound(
                        "Template '" + name + "' has no version " + request.version() + ".")))
                .map(restored -> withETag(Response.ok(restored), restored).build());
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

    /** The version an If-Match names for the store's atomic check; {@code null} when absent or {@code *}. */
    private static Integer expected(String ifMatch) {
        long version = ETags.expectedVersion(ifMatch);
        return version < 0 ? null : (int) Math.min(version, Integer.MAX_VALUE);
    }

    private static Response.ResponseBuilder withETag(Response.ResponseBuilder response, TemplateVersion template) {
        return response.header(HttpHeaders.ETAG, ETags.of(template.version()));
    }

    private String actor() {
        return caller.subject().orElse("anonymous");
    }

    static ProblemException notFound(String name) {
        return ProblemException.notFound("No template '" + name + "' for this tenant.");
    }
}

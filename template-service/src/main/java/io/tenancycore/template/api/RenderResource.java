package io.tenancycore.template.api;

import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.error.ProblemException;
import io.tenancycore.commons.error.Violation;
import io.tenancycore.commons.permission.RequiresPermission;
import io.tenancycore.commons.validation.TenantId;
import io.tenancycore.template.catalog.TemplateNames;
import io.tenancycore.template.rendering.RenderRequest;
import io.tenancycore.template.rendering.RenderResult;
import io.tenancycore.template.rendering.TemplateRenderer;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/tenants/{tenantId}/templates/{name}/render")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Rendering")
public class RenderResource {

    @Inject
    TemplateRenderer renderer;

    @POST
    @RequiresPermission("templates:render")
    @Operation(summary = "Render a template with data in a locale: subject, body and content type")
    @APIResponse(responseCode = "200", description = "Rendered")
    @APIResponse(responseCode = "404", description = "Neither the tenant nor the built-ins have the template")
    @APIResponse(responseCode = "422", description = "The data does not fit the template (render-failed), or a render "
            + "limit was hit (render-limit-exceeded, with the extensions limit and max, e.g. limit=time, max=1000)",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(implementation = TemplateProblemDetails.class)))
    public Uni<RenderResult> render(@PathParam("tenantId") @TenantId String tenantId,
            @PathParam("name") @Pattern(regexp = TemplateNames.PATTERN) String name,
            @NotNull @Valid RenderRequest request) {
        checkZone(request.timezone());
        return renderer.render(tenantId, name, request)
                .map(result -> result.orElseThrow(() -> TemplateResource.notFound(name)));
    }

    private static void checkZone(String timezone) {
        if (timezone == null) {
            return;
        }
        try {
            ZoneId.of(timezone);
        } catch (DateTimeException e) {
            throw ProblemException.unprocessable("Unknown time zone.",
                    List.of(new Violation("timezone", "must be an IANA time zone such as Europe/Paris", "timezone")));
        }
    }
}

package io.tenancycore.template.api;

import io.tenancycore.commons.error.Violation;
import io.tenancycore.template.validation.TemplateProblem;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * OpenAPI description of the 422 problems this service answers beside commons' plain ones: one schema covering
 * {@link InvalidTemplateProblem} ({@code problems}), {@link RenderLimitProblem} ({@code limit}, {@code max}) and a
 * Bean Validation refusal ({@code violations}), since one operation can answer any of them. Never serialized.
 */
@Schema(name = "TemplateProblemDetails", description = "RFC 9457 problem; type is urn:tenancycore:problem:template:"
        + "<name>. template-invalid adds problems (line, column), render-limit-exceeded adds limit and max, "
        + "validation adds violations")
public record TemplateProblemDetails(
        @Schema(required = true) String type,
        @Schema(required = true) String title,
        @Schema(required = true) int status,
        String detail,
        String instance,
        List<Violation> violations,
        List<TemplateProblem> problems,
        @Schema(description = "The limit that was hit: time, output_size, iterations, number_exponent, …") String limit,
        @Schema(description = "The configured value of that limit") Long max) {
}

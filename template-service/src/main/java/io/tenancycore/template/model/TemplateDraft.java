package io.tenancycore.template.model;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.tenancycore.template.locale.Locales;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A template as a tenant writes it: body of {@code PUT .../templates/{name}} and of {@code .../validate}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
// a Redis value or Kafka payload that Jackson maps outside REST endpoints: a native executable needs it listed
@RegisterForReflection(registerFullHierarchy = true)
public record TemplateDraft(
        @Size(max = 500) String description,
        @Schema(description = "Media type of the rendered body; decides the escaping", defaultValue = "text/html",
                enumeration = { "text/html", "text/plain", "text/xml", "application/json", "text/markdown" })
        @Pattern(regexp = TemplateDraft.CONTENT_TYPES) String contentType,
        @Schema(description = "Top-level data names the template may use; when present, any other name is refused")
        @Size(max = 100) List<@NotNull @Pattern(regexp = TemplateDraft.IDENTIFIER) String> parameters,
        @Schema(description = "Content per locale (BCP 47 tag)")
        @NotEmpty @Size(max = 50) Map<@NotNull @Pattern(regexp = Locales.TAG_PATTERN) String, @NotNull @Valid LocalizedContent> locales) {

    public static final String DEFAULT_CONTENT_TYPE = "text/html";
    public static final String CONTENT_TYPES = "text/html|text/plain|text/xml|application/json|text/markdown";
    public static final String IDENTIFIER = "^[A-Za-z_][A-Za-z0-9_]{0,63}$";

    public String effectiveContentType() {
        return contentType == null ? DEFAULT_CONTENT_TYPE : contentType;
    }
}

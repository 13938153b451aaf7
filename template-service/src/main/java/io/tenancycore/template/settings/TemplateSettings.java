package io.tenancycore.template.settings;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.tenancycore.template.locale.Locales;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A tenant's template settings. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TemplateSettings(
        @Schema(description = "Locale tried after the requested one and before en", example = "de")
        @NotNull @Pattern(regexp = Locales.TAG_PATTERN) String defaultLocale) {

    public static final TemplateSettings DEFAULTS = new TemplateSettings(Locales.ROOT);
}

package io.tenancycore.template.rendering;

import io.tenancycore.template.locale.Locales;
import jakarta.validation.constraints.Pattern;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST .../templates/{name}/render}. */
public record RenderRequest(
        @Schema(description = "Template data; only these values are visible to the template")
        Map<String, Object> data,
        @Schema(description = "Requested locale (BCP 47); falls back to its language, the tenant default, then en",
                example = "fr-CA")
        @Pattern(regexp = Locales.TAG_PATTERN) String locale,
        @Schema(description = "IANA time zone for fmt:date/time/datetime", example = "Europe/Paris",
                defaultValue = "UTC")
        @Pattern(regexp = "^[A-Za-z][A-Za-z0-9_+\\-/]{0,63}$") String timezone) {
}

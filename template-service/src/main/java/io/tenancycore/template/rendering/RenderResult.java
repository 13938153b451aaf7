package io.tenancycore.template.rendering;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.tenancycore.template.catalog.TemplateVersion.Source;

/**
 * A rendered template.
 *
 * @param locale the locale whose content was used
 * @param source {@code tenant} when the tenant's override was used, {@code builtin} otherwise
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RenderResult(String name, String locale, String requestedLocale, Source source, int version,
        String contentType, String subject, String body) {
}

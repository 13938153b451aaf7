package io.tenancycore.template.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.tenancycore.template.catalog.TemplateVersion;
import io.tenancycore.template.catalog.TemplateVersion.Source;
import java.util.List;
import java.util.TreeSet;

/** A line of the template list. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TemplateSummary(String name, Source source, int version, String contentType, List<String> locales,
        String description, boolean overridesBuiltin) {

    static TemplateSummary of(TemplateVersion template, boolean overridesBuiltin) {
        return new TemplateSummary(template.name(), template.source(), template.version(), template.contentType(),
                List.copyOf(new TreeSet<>(template.locales().keySet())), template.description(), overridesBuiltin);
    }
}

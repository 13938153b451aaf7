package io.tenancycore.template.catalog;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.tenancycore.template.model.TemplateDraft;
import io.tenancycore.template.model.LocalizedContent;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.tenancycore.template.support.MillisInstantSerializer;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One immutable version of a template. Built-in templates are version 0 with source {@code builtin}; a tenant's
 * versions count from 1.
 *
 * @param parameters declared top-level data names, {@code null} when the template declares none
 * @param createdAt when the tenant saved this version, to the millisecond; absent for built-in templates, which
 *     were written with the service rather than at a moment a tenant could relate to
 * @param restoredFrom the version this one copies, when it was made by a rollback
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
// a Redis value or Kafka payload that Jackson maps outside REST endpoints: a native executable needs it listed
@RegisterForReflection(registerFullHierarchy = true)
public record TemplateVersion(String name, int version, Source source, String description, String contentType,
        List<String> parameters, Map<String, LocalizedContent> locales,
        @Schema(description = "RFC 3339 UTC with milliseconds; absent for built-in templates", format = "date-time")
        @JsonSerialize(using = MillisInstantSerializer.class) Instant createdAt,
        String createdBy,
        Integer restoredFrom) {

    public enum Source {
        tenant, builtin
    }

    public static final int BUILTIN_VERSION = 0;

    public TemplateVersion {
        parameters = parameters == null ? null : List.copyOf(parameters);
        locales = Map.copyOf(locales);
        // the same precision on the create answer as on every later read
        createdAt = createdAt == null ? null : createdAt.truncatedTo(ChronoUnit.MILLIS);
    }

    public static TemplateVersion of(String name, int version, Source source, TemplateDraft draft, Instant createdAt,
            String createdBy, Integer restoredFrom) {
        return new TemplateVersion(name, version, source, draft.description(), draft.effectiveContentType(),
                draft.parameters(), draft.locales(), createdAt, createdBy, restoredFrom);
    }

    public TemplateDraft toDraft() {
        return new TemplateDraft(description, contentType, parameters, locales);
    }

    /** Identity of this template in caches and logs, e.g. {@code acme/welcome_email@3}. */
    public String cacheId(String tenantId) {
        return (source == Source.builtin ? "builtin" : tenantId) + "/" + name + "@" + version;
    }
}

package io.tenancycore.template.changes;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Data of the {@value #EVENT_TYPE} CloudEvent on {@code tenancy.template-changes}: something of a tenant changed and
 * every replica drops what it cached of it.
 *
 * @param name the template, for {@link Kind#template}
 * @param locale the bundle, for {@link Kind#messages}
 * @param version the new current version, {@code null} after a deletion
 * @param origin instance id of the replica that made the change
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record TemplateChange(String tenantId, Kind kind, String name, String locale, Integer version,
        String origin) {

    public static final String EVENT_TYPE = io.tenancycore.commons.events.EventTypes.TEMPLATE_CHANGED;

    public enum Kind {
        template, messages, settings
    }
}

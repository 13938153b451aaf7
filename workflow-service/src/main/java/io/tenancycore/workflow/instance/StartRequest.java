package io.tenancycore.workflow.instance;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Start an instance: of a definition ({@code definition} [+ {@code version}]), or in the seed's form, of a built-in
 * template for a tenant ({@code template}, {@code tenant_id}, {@code input}).
 */
public record StartRequest(
        @Schema(description = "A definition of the tenant or a built-in template") String definition,
        @Schema(description = "The definition's version; the latest when absent") Long version,
        @Schema(description = "A built-in template (the seed's create_workflow_from_template)") String template,
        @JsonProperty("tenant_id") @Schema(description = "Must be the path's tenant when given") String tenantId,
        @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.OBJECT) JsonNode input) {
}

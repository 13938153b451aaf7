package io.tenancycore.workflow.definition;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One version of a tenant's workflow definition (or a built-in template): the DSL document as JSON, whatever format
 * it was uploaded in. Lists leave {@code document} out.
 */
// a Redis value or Kafka payload that Jackson maps outside REST endpoints: a native executable needs it listed
@RegisterForReflection(registerFullHierarchy = true)
public record Definition(
        String name,
        long version,
        String dsl,
        @JsonProperty("built_in") boolean builtIn,
        @JsonProperty("created_at") Instant createdAt,
        @Schema(description = "SHA-256 of the canonical JSON document; an unchanged PUT adds no version") String digest,
        @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.OBJECT,
                description = "The Serverless Workflow document (absent in lists)") JsonNode document) {

    public Definition withoutDocument() {
        return new Definition(name, version, dsl, builtIn, createdAt, digest, null);
    }

    public String etag() {
        return io.tenancycore.commons.api.ETags.of(version);
    }
}

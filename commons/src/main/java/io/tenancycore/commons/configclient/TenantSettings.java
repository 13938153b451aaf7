package io.tenancycore.commons.configclient;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;

/**
 * A tenant's merged configuration as config-service serves it ({@code GET /v1/tenants/{t}/config?env=}). Secret
 * values arrive masked: a service that needs a secret asks config-service with {@code reveal=true} itself.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TenantSettings(@JsonProperty("tenant_id") String tenantId, String environment, long revision,
        @JsonProperty("platform_revision") long platformRevision, Map<String, Entry> entries) {

    public TenantSettings {
        entries = entries == null ? Map.of() : Map.copyOf(entries);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Entry(JsonNode value, String layer, boolean secret) {
    }

    public Optional<JsonNode> value(String key) {
        return Optional.ofNullable(entries.get(key)).map(Entry::value);
    }

    public Optional<String> text(String key) {
        return value(key).filter(JsonNode::isValueNode).map(JsonNode::asText);
    }

    public long longValue(String key, long fallback) {
        return value(key).filter(JsonNode::isNumber).map(JsonNode::asLong).orElse(fallback);
    }

    public boolean booleanValue(String key, boolean fallback) {
        return value(key).filter(JsonNode::isBoolean).map(JsonNode::asBoolean).orElse(fallback);
    }
}

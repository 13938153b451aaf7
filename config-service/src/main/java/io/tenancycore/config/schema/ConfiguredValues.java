package io.tenancycore.config.schema;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import java.util.Map;

/**
 * What a tenant has configured now, as a namespace schema sees it on a write: the merged plain (non-secret) values
 * of every view a write is checked in. The layers capability provides it; the interface lives here so that schema
 * does not depend on layers (layers already depends on schema).
 */
public interface ConfiguredValues {

    /** View name ({@code tenant}, {@code tenant@prod}, ...) → key → plain value, lowest layers merged in. */
    Uni<Map<String, Map<String, JsonNode>>> plainViews(String tenantId);
}

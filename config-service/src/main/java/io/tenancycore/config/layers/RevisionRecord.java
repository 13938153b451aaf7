package io.tenancycore.config.layers;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * One revision of a tenant's (or the platform's) configuration: who changed what, when.
 *
 * @param platformRevision for a tenant's revision, the platform's revision when it was committed (so that reading
 *        the tenant "at revision N" also reads the global and environment layers as they were then); {@code null}
 *        for the platform's own revisions and for records written before it was kept
 */
@JsonIgnoreProperties(ignoreUnknown = true)
// a Redis value or Kafka payload that Jackson maps outside REST endpoints: a native executable needs it listed
@RegisterForReflection(registerFullHierarchy = true)
public record RevisionRecord(long revision, String time, String actor, String action, List<StoredChange> changes,
        @JsonProperty("platform_revision") Long platformRevision) {

    // Lua's cjson writes an empty table as {} — tolerate it as an empty list.
    private static final ObjectMapper LENIENT = new ObjectMapper()
            .enable(DeserializationFeature.ACCEPT_EMPTY_STRING_AS_NULL_OBJECT)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);

    public RevisionRecord {
        changes = changes == null ? List.of() : List.copyOf(changes);
    }

    public static RevisionRecord decode(String json) {
        try {
            return LENIENT.readValue(json, RevisionRecord.class);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable revision record", e);
        }
    }

    public List<String> keys() {
        return changes.stream().map(StoredChange::key).distinct().toList();
    }

    public List<String> layers() {
        return changes.stream().map(StoredChange::layer).distinct().toList();
    }
}

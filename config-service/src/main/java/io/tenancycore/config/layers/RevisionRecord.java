package io.tenancycore.config.layers;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** One revision of a tenant's (or the platform's) configuration: who changed what, when. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RevisionRecord(long revision, String time, String actor, String action, List<StoredChange> changes) {

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

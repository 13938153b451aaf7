package io.tenancycore.config.history;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.tenancycore.config.layers.RevisionRecord;
import io.tenancycore.config.layers.StoredChange;
import io.tenancycore.config.layers.StoredValue;
import java.util.List;

/** A revision as clients see it: secret values always masked. */
public record HistoryEntry(long revision, String time, String actor, String action, List<KeyChange> changes) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record KeyChange(String key, String layer, String operation, JsonNode old, JsonNode value,
            boolean secret) {
    }

    public static HistoryEntry of(RevisionRecord record, String mask) {
        return new HistoryEntry(record.revision(), record.time(), record.actor(), record.action(),
                record.changes().stream().map(change -> keyChange(change, mask)).toList());
    }

    public HistoryEntry onlyKey(String key) {
        return new HistoryEntry(revision, time, actor, action,
                changes.stream().filter(change -> change.key().equals(key)).toList());
    }

    private static KeyChange keyChange(StoredChange change, String mask) {
        StoredValue old = change.old() == null ? null : StoredValue.decode(change.old());
        StoredValue now = change.current() == null ? null : StoredValue.decode(change.current());
        boolean secret = (old != null && old.secret()) || (now != null && now.secret());
        return new KeyChange(change.key(), change.layer(), now == null ? "delete" : "set", shown(old, mask),
                shown(now, mask), secret);
    }

    private static JsonNode shown(StoredValue value, String mask) {
        if (value == null) {
            return null;
        }
        return value.secret() ? TextNode.valueOf(mask) : value.value();
    }
}

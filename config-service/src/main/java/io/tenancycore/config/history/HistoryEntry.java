package io.tenancycore.config.history;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.tenancycore.config.layers.RevisionRecord;
import io.tenancycore.config.layers.StoredChange;
import io.tenancycore.config.layers.StoredValue;
import io.tenancycore.config.support.Timestamps;
import java.util.List;
import java.util.function.Predicate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A revision as clients see it: secret values always masked.
 *
 * @param scope in a watch, whose revision it is: {@code tenant}, or {@code platform} for the global and environment
 *        layers (two sequences); absent in a tenant's history
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HistoryEntry(long revision, @JsonProperty("changed_at") String changedAt, String actor,
        String action, List<KeyChange> changes, @Schema(enumeration = { "tenant", "platform" }) String scope) {

    public static final String TENANT = "tenant";
    public static final String PLATFORM = "platform";

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record KeyChange(String key, String layer, @Schema(enumeration = { "set", "delete" }) String operation,
            @Schema(implementation = Object.class) JsonNode old,
            @Schema(implementation = Object.class) JsonNode value, boolean secret) {
    }

    public static HistoryEntry of(RevisionRecord record, String mask) {
        return new HistoryEntry(record.revision(), Timestamps.format(record.time()), record.actor(), record.action(),
                record.changes().stream().map(change -> keyChange(change, mask)).toList(), null);
    }

    public HistoryEntry onlyKey(String key) {
        return only(change -> change.key().equals(key));
    }

    public HistoryEntry only(Predicate<KeyChange> kept) {
        return new HistoryEntry(revision, changedAt, actor, action, changes.stream().filter(kept).toList(), scope);
    }

    public HistoryEntry inScope(String newScope) {
        return new HistoryEntry(revision, changedAt, actor, action, changes, newScope);
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

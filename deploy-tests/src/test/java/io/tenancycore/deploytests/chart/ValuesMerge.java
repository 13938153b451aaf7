package io.tenancycore.deploytests.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** Helm's merge of a values file over the chart's values: maps merge key by key, anything else replaces; null deletes. */
final class ValuesMerge {

    private ValuesMerge() {
    }

    static JsonNode merge(ObjectNode base, JsonNode overlay) {
        ObjectNode merged = base.deepCopy();
        for (Map.Entry<String, JsonNode> field : overlay.properties()) {
            JsonNode current = merged.get(field.getKey());
            JsonNode value = field.getValue();
            if (value.isNull()) {
                merged.remove(field.getKey());
            } else if (current instanceof ObjectNode currentObject && value.isObject()) {
                merged.set(field.getKey(), merge(currentObject, value));
            } else {
                merged.set(field.getKey(), value.deepCopy());
            }
        }
        return merged;
    }
}

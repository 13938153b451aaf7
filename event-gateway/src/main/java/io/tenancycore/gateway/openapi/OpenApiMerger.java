package io.tenancycore.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Merges the services' OpenAPI documents into the gateway's one, as a client sees the platform through the edge:
 * each service's paths under {@code /api/{service}}, its components kept, and kept apart where two services use one
 * component name for different definitions (the later one becomes {@code <service>_<name>}, its {@code $ref}s
 * rewritten), operation ids made unique the same way. Identical components (the shared problem schema) stay one.
 */
public final class OpenApiMerger {

    private static final String REF = "$ref";
    private static final String COMPONENTS_PREFIX = "#/components/";
    private static final Set<String> OPERATIONS = Set.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");

    private final ObjectNode merged;
    private final Set<String> operationIds = new HashSet<>();
    private final Map<String, ObjectNode> tags = new LinkedHashMap<>();

    /** @param base the gateway's own document: info, openapi version, security schemes, its own paths */
    public OpenApiMerger(ObjectNode base) {
        this.merged = base.deepCopy();
        merged.remove("servers");
        merged.withObject("/paths");
        merged.withObject("/components");
        collectOperationIds(merged.withObject("/paths"));
        collectTags(merged);
    }

    /** Adds {@code service}'s document, its paths under {@code prefix} (e.g. {@code /api/config}). */
    public OpenApiMerger add(String service, String prefix, JsonNode document) {
        ObjectNode copy = document.deepCopy();
        Map<String, String> renamed = mergeComponents(service, copy.path("components"));
        if (!renamed.isEmpty()) {
            rewriteRefs(copy, renamed);
        }
        ObjectNode paths = merged.withObject("/paths");
        copy.path("paths").fields().forEachRemaining(path -> {
            JsonNode item = path.getValue();
            uniqueOperationIds(service, item);
            paths.set(prefix + path.getKey(), item);
        });
        collectTags(copy);
        return this;
    }

    public ObjectNode document() {
        if (!tags.isEmpty()) {
            ArrayNode list = merged.putArray("tags");
            tags.values().forEach(list::add);
        }
        return merged;
    }

    private Map<String, String> mergeComponents(String service, JsonNode components) {
        Map<String, String> renamed = new HashMap<>();
        ObjectNode target = merged.withObject("/components");
        components.fields().forEachRemaining(kind -> {
            ObjectNode existing = target.withObject("/" + kind.getKey());
            kind.getValue().fields().forEachRemaining(component -> {
                String name = component.getKey();
                JsonNode present = existing.get(name);
                if (present == null || present.equals(component.getValue())) {
                    existing.set(name, component.getValue());
                    return;
                }
                String unique = service + "_" + name;
                renamed.put(COMPONENTS_PREFIX + kind.getKey() + "/" + name,
                        COMPONENTS_PREFIX + kind.getKey() + "/" + unique);
                existing.set(unique, component.getValue());
            });
        });
        return renamed;
    }

    /** Points every {@code $ref} of a document at the components' merged names. */
    private static void rewriteRefs(JsonNode node, Map<String, String> renamed) {
        if (node instanceof ObjectNode object) {
            JsonNode ref = object.get(REF);
            if (ref != null && ref.isTextual() && renamed.containsKey(ref.asText())) {
                object.set(REF, TextNode.valueOf(renamed.get(ref.asText())));
            }
            object.elements().forEachRemaining(child -> rewriteRefs(child, renamed));
        } else if (node instanceof ArrayNode array) {
            array.elements().forEachRemaining(child -> rewriteRefs(child, renamed));
        }
    }

    private void uniqueOperationIds(String service, JsonNode pathItem) {
        for (Iterator<Map.Entry<String, JsonNode>> it = pathItem.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> operation = it.next();
            if (!OPERATIONS.contains(operation.getKey()) || !(operation.getValue() instanceof ObjectNode op)) {
                continue;
            }
            JsonNode id = op.get("operationId");
            if (id != null && id.isTextual() && !operationIds.add(id.asText())) {
                String unique = service + "_" + id.asText();
                op.put("operationId", unique);
                operationIds.add(unique);
            }
        }
    }

    private void collectOperationIds(JsonNode paths) {
        paths.elements().forEachRemaining(item -> item.fields().forEachRemaining(operation -> {
            JsonNode id = operation.getValue().path("operationId");
            if (id.isTextual()) {
                operationIds.add(id.asText());
            }
        }));
    }

    private void collectTags(JsonNode document) {
        document.path("tags").elements().forEachRemaining(tag -> {
            String name = tag.path("name").asText(null);
            if (name != null && tag instanceof ObjectNode object) {
                tags.putIfAbsent(name, object);
            }
        });
    }
}

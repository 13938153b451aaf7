package io.tenancycore.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Plausible JSON for an OpenAPI schema: every property present, with a value of its declared type. The fuzzer
 * breaks one part of it at a time, so that the rest of the body gets past the parser and the refusal is about the
 * broken part.
 */
final class SchemaSamples {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int MAX_DEPTH = 4;

    private SchemaSamples() {
    }

    static JsonNode sample(JsonNode schema, OpenApiOperations.Schemas schemas) {
        return sample(schema, schemas, 0);
    }

    /** The JSON type a schema declares ({@code string}, {@code integer}, …), or {@code ""} when it declares none. */
    static String typeOf(JsonNode schema, OpenApiOperations.Schemas schemas) {
        JsonNode resolved = effective(schema, schemas);
        JsonNode type = resolved.path("type");
        if (type.isArray()) {
            for (JsonNode each : type) {
                if (!"null".equals(each.asText())) {
                    return each.asText();
                }
            }
        }
        if (type.isTextual()) {
            return type.asText();
        }
        return resolved.has("properties") ? "object" : "";
    }

    /**
     * JSON pointers of the places a wrong value can go: every property, one level into nested objects and the first
     * item of arrays; {@code ""} (the whole body) when the schema has no properties.
     */
    static List<String> targets(JsonNode sample) {
        List<String> targets = new ArrayList<>();
        collect(sample, "", 0, targets);
        if (targets.isEmpty()) {
            targets.add("");
        }
        return targets;
    }

    /** The schema of the value at {@code pointer} (as {@link #targets} writes them) in {@code schema}. */
    static JsonNode schemaAt(JsonNode schema, String pointer, OpenApiOperations.Schemas schemas) {
        JsonNode current = effective(schema, schemas);
        for (String step : pointer.isEmpty() ? new String[0] : pointer.substring(1).split("/")) {
            String name = step.replace("~1", "/").replace("~0", "~");
            if (current.has("items")) {
                current = effective(current.get("items"), schemas);
            } else if (current.path("properties").has(name)) {
                current = effective(current.path("properties").get(name), schemas);
            } else {
                current = effective(current.path("additionalProperties"), schemas);
            }
        }
        return current;
    }

    private static void collect(JsonNode node, String pointer, int depth, List<String> targets) {
        if (depth > 1) {
            return;
        }
        if (node.isObject()) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
                String name = names.next();
                String child = pointer + "/" + name.replace("~", "~0").replace("/", "~1");
                targets.add(child);
                collect(node.get(name), child, depth + 1, targets);
            }
        } else if (node.isArray() && !node.isEmpty()) {
            targets.add(pointer + "/0");
            collect(node.get(0), pointer + "/0", depth + 1, targets);
        }
    }

    private static JsonNode sample(JsonNode schema, OpenApiOperations.Schemas schemas, int depth) {
        JsonNode resolved = effective(schema, schemas);
        if (resolved.has("example") && !resolved.get("example").isNull()) {
            return resolved.get("example");
        }
        if (resolved.has("enum") && !resolved.get("enum").isEmpty()) {
            return resolved.get("enum").get(0);
        }
        if (resolved.has("default") && !resolved.get("default").isNull()) {
            return resolved.get("default");
        }
        return switch (typeOf(resolved, schemas)) {
            case "string" -> NODES.textNode(string(resolved.path("format").asText()));
            case "integer" -> NODES.numberNode(resolved.path("minimum").asLong(1));
            case "number" -> NODES.numberNode(1.5);
            case "boolean" -> NODES.booleanNode(true);
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                if (depth < MAX_DEPTH) {
                    array.add(sample(resolved.path("items"), schemas, depth + 1));
                }
                yield array;
            }
            case "object" -> object(resolved, schemas, depth);
            default -> NODES.textNode("fuzz");
        };
    }

    private static ObjectNode object(JsonNode schema, OpenApiOperations.Schemas schemas, int depth) {
        ObjectNode object = NODES.objectNode();
        if (depth >= MAX_DEPTH) {
            return object;
        }
        for (Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields();
                properties.hasNext();) {
            Map.Entry<String, JsonNode> property = properties.next();
            if (!property.getValue().path("readOnly").asBoolean(false)) {
                object.set(property.getKey(), sample(property.getValue(), schemas, depth + 1));
            }
        }
        if (object.isEmpty() && schema.path("additionalProperties").isObject()) {
            object.set("fuzz", sample(schema.get("additionalProperties"), schemas, depth + 1));
        }
        return object;
    }

    /** The schema with {@code $ref}s followed and {@code allOf}/{@code oneOf}/{@code anyOf} reduced to one part. */
    private static JsonNode effective(JsonNode schema, OpenApiOperations.Schemas schemas) {
        JsonNode current = schemas.resolve(schema);
        for (int hops = 0; hops < 8; hops++) {
            JsonNode composed = current.has("allOf") ? current.get("allOf")
                    : current.has("oneOf") ? current.get("oneOf") : current.path("anyOf");
            if (!composed.isArray() || composed.isEmpty()) {
                break;
            }
            JsonNode first = null;
            for (JsonNode part : composed) {
                JsonNode resolved = schemas.resolve(part);
                if (!"null".equals(resolved.path("type").asText())) {
                    first = resolved;
                    break;
                }
            }
            if (first == null) {
                break;
            }
            current = first;
        }
        return current;
    }

    private static String string(String format) {
        return switch (format) {
            case "date-time" -> "2026-01-01T00:00:00.000Z";
            case "date" -> "2026-01-01";
            case "email" -> "fuzz@example.com";
            case "uri", "url" -> "https://example.com/fuzz";
            case "uuid" -> "00000000-0000-4000-8000-000000000000";
            default -> "fuzz";
        };
    }
}

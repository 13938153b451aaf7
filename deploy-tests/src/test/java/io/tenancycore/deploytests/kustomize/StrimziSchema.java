package io.tenancycore.deploytests.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The custom resources checked against the schemas of the Strimzi release the README names (test resource
 * strimzi/crd-schemas-1.2.0.json, taken from its CRDs), the way an API server with strict field validation would:
 * an API version the operator does not serve, a field its schema does not have (deprecated fields were removed from
 * v1, so a deprecated field is an unknown one), a wrong type or enum value, a missing required field. oneOf/anyOf
 * combinations and CEL rules are not evaluated. Deprecated annotations, which no schema describes, are listed here.
 */
public final class StrimziSchema {

    public static final String STRIMZI_VERSION = "1.2.0";
    public static final String GROUP = "kafka.strimzi.io";
    /** Annotations of the ZooKeeper-to-KRaft era: Strimzi 1.x ignores them, nothing may rely on them. */
    static final Map<String, String> DEPRECATED_ANNOTATIONS = Map.of(
            "strimzi.io/kraft", "KRaft is the only mode since Strimzi 0.46",
            "strimzi.io/node-pools", "node pools are the only way since Strimzi 0.46");

    private static final JsonNode SCHEMAS = load();

    private StrimziSchema() {
    }

    private static JsonNode load() {
        try (InputStream in = StrimziSchema.class.getResourceAsStream("/strimzi/crd-schemas-" + STRIMZI_VERSION
                + ".json")) {
            return new ObjectMapper().readTree(in).path("schemas");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static boolean isStrimzi(JsonNode document) {
        return document.path("apiVersion").asText().startsWith(GROUP + "/");
    }

    /** What an API server with Strimzi 1.2.0's CRDs would refuse or silently drop in this document. */
    public static List<String> violations(JsonNode document) {
        List<String> out = new ArrayList<>();
        String kind = document.path("kind").asText();
        String where = kind + " " + document.path("metadata").path("name").asText();
        String version = document.path("apiVersion").asText().substring(GROUP.length() + 1);
        JsonNode schema = SCHEMAS.path(kind + "/" + version);
        if (schema.isMissingNode()) {
            out.add(where + ": Strimzi " + STRIMZI_VERSION + " does not serve " + GROUP + "/" + version + " " + kind);
            return out;
        }
        document.path("metadata").path("annotations").fieldNames().forEachRemaining(annotation -> {
            if (DEPRECATED_ANNOTATIONS.containsKey(annotation)) {
                out.add(where + ": deprecated annotation " + annotation + " (" + DEPRECATED_ANNOTATIONS.get(annotation)
                        + ")");
            }
        });
        for (String field : List.of("spec")) {
            JsonNode fieldSchema = schema.path("properties").path(field);
            if (document.has(field)) {
                check(document.get(field), fieldSchema, where + " ." + field, out);
            }
        }
        for (JsonNode required : schema.path("required")) {
            if (!document.has(required.asText())) {
                out.add(where + ": ." + required.asText() + " is required");
            }
        }
        return out;
    }

    private static void check(JsonNode node, JsonNode schema, String path, List<String> out) {
        if (schema.path("x-kubernetes-int-or-string").asBoolean()) {
            if (!node.isIntegralNumber() && !node.isTextual()) {
                out.add(path + ": must be an integer or a string");
            }
            return;
        }
        String type = schema.path("type").asText();
        boolean typeOk = switch (type) {
            case "object" -> node.isObject();
            case "array" -> node.isArray();
            case "string" -> node.isTextual();
            case "integer" -> node.isIntegralNumber();
            case "number" -> node.isNumber();
            case "boolean" -> node.isBoolean();
            default -> true;
        };
        if (!typeOk) {
            out.add(path + ": must be " + type + ", is " + node.getNodeType());
            return;
        }
        if (schema.has("enum")) {
            boolean listed = false;
            for (JsonNode value : schema.get("enum")) {
                listed |= value.equals(node);
            }
            if (!listed) {
                out.add(path + ": " + node + " is not one of " + schema.get("enum"));
            }
        }
        if (schema.has("minimum") && node.isNumber() && node.asDouble() < schema.get("minimum").asDouble()) {
            out.add(path + ": below the minimum " + schema.get("minimum"));
        }
        if (schema.has("maximum") && node.isNumber() && node.asDouble() > schema.get("maximum").asDouble()) {
            out.add(path + ": above the maximum " + schema.get("maximum"));
        }
        if (schema.has("pattern") && node.isTextual()
                && !Pattern.compile(schema.get("pattern").asText()).matcher(node.asText()).find()) {
            out.add(path + ": " + node + " does not match " + schema.get("pattern").asText());
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                check(node.get(i), schema.path("items"), path + "[" + i + "]", out);
            }
        }
        if (node.isObject()) {
            checkObject(node, schema, path, out);
        }
    }

    private static void checkObject(JsonNode node, JsonNode schema, String path, List<String> out) {
        for (JsonNode required : schema.path("required")) {
            if (!node.has(required.asText())) {
                out.add(path + "." + required.asText() + " is required");
            }
        }
        boolean preserveUnknown = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean();
        JsonNode additional = schema.path("additionalProperties");
        node.properties().forEach(field -> {
            JsonNode fieldSchema = schema.path("properties").path(field.getKey());
            if (!fieldSchema.isMissingNode()) {
                check(field.getValue(), fieldSchema, path + "." + field.getKey(), out);
            } else if (additional.isObject()) {
                check(field.getValue(), additional, path + "." + field.getKey(), out);
            } else if (!preserveUnknown && !additional.asBoolean(false)) {
                out.add(path + "." + field.getKey() + ": unknown field (not in the Strimzi " + STRIMZI_VERSION
                        + " schema: removed, deprecated or misspelt)");
            }
        });
    }
}

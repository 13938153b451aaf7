package io.tenancycore.config.layers;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.tenancycore.config.support.ConfigProblems;
import io.tenancycore.config.support.Keys;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Import and export documents: JSON or YAML, nested or flat. A nested document is flattened into dotted keys the
 * way core.yaml is read ({@code mail: {host: x}} is the key {@code mail.host}); arrays and scalars are values.
 */
final class ConfigDocuments {

    private static final ObjectMapper YAML_MAPPER = new YAMLMapper();
    private static final ObjectMapper JSON_MAPPER = new ObjectMapper();

    private ConfigDocuments() {
    }

    /** The body's keys and values, flattened; 400 for an unreadable body, a non-object or a key given twice. */
    static Map<String, JsonNode> flatten(String body, boolean yaml) {
        JsonNode root;
        try {
            root = (yaml ? YAML_MAPPER : JSON_MAPPER).readTree(body);
        } catch (JacksonException e) {
            throw ConfigProblems.invalidInput("", "the body must be a " + (yaml ? "YAML" : "JSON")
                    + " object of keys to values: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw ConfigProblems.invalidInput("", "the body must be an object of keys to values, nested or dotted");
        }
        Map<String, JsonNode> flat = new LinkedHashMap<>();
        flatten("", root, flat);
        return flat;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, JsonNode> into) {
        if (node.isObject() && !node.isEmpty()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                flatten(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), into);
            }
            return;
        }
        Keys.requireValid(prefix.isEmpty() ? "" : prefix, prefix);
        if (into.put(prefix, node) != null) {
            throw ConfigProblems.invalidInput(prefix, "key '" + prefix + "' is given twice (once nested, once dotted)");
        }
    }

    static String json(Map<String, JsonNode> values) {
        try {
            return JSON_MAPPER.writeValueAsString(values);
        } catch (JacksonException e) {
            throw new IllegalStateException(e);
        }
    }

    /** YAML, with a leading comment naming the secrets left out (a re-import then knows what it lacks). */
    static String yaml(Map<String, JsonNode> values, List<String> omittedSecrets) {
        try {
            String comment = omittedSecrets.isEmpty() ? ""
                    : "# secrets left out: " + String.join(", ", omittedSecrets) + "\n";
            return comment + YAML_MAPPER.writeValueAsString(values);
        } catch (JacksonException e) {
            throw new IllegalStateException(e);
        }
    }
}

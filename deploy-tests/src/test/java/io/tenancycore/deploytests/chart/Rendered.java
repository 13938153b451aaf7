package io.tenancycore.deploytests.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The documents one {@code helm template} produced, parsed, with the look-ups the checks need. */
public record Rendered(List<JsonNode> documents) {

    public static Rendered parse(String manifest) {
        List<JsonNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> iterator = ChartRenderer.YAML.readerFor(JsonNode.class).readValues(manifest)) {
            while (iterator.hasNext()) {
                JsonNode document = iterator.next();
                if (document != null && document.isObject() && document.has("kind")) {
                    documents.add(document);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("unparseable YAML (helm template or kubectl kustomize output)", e);
        }
        return new Rendered(documents);
    }

    public List<JsonNode> ofKind(String kind) {
        return documents.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
    }

    public Optional<JsonNode> find(String kind, String name) {
        return ofKind(kind).stream().filter(d -> name.equals(name(d))).findFirst();
    }

    public JsonNode get(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError("no " + kind + " named " + name));
    }

    public static String name(JsonNode document) {
        return document.path("metadata").path("name").asText();
    }

    /** The service a chart object belongs to (its app.kubernetes.io/name label). */
    public static String service(JsonNode document) {
        return document.path("metadata").path("labels").path("app.kubernetes.io/name").asText();
    }

    public static JsonNode container(JsonNode deployment) {
        JsonNode containers = deployment.path("spec").path("template").path("spec").path("containers");
        if (containers.size() != 1) {
            throw new AssertionError(name(deployment) + " has " + containers.size() + " containers, expected 1");
        }
        return containers.get(0);
    }

    /** A Deployment container's environment: name to its entry ({@code value} or {@code valueFrom}). */
    public static Map<String, JsonNode> env(JsonNode deployment) {
        Map<String, JsonNode> env = new LinkedHashMap<>();
        for (JsonNode entry : container(deployment).path("env")) {
            if (env.put(entry.path("name").asText(), entry) != null) {
                throw new AssertionError(name(deployment) + " sets " + entry.path("name").asText() + " twice");
            }
        }
        return env;
    }

    public static Map<String, String> podLabels(JsonNode deployment) {
        return labels(deployment.path("spec").path("template").path("metadata").path("labels"));
    }

    static Map<String, String> labels(JsonNode node) {
        Map<String, String> labels = new LinkedHashMap<>();
        node.properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }

    /** Whether a label selector ({@code matchLabels} and {@code matchExpressions}, or a plain map) selects labels. */
    public static boolean selects(JsonNode selector, Map<String, String> labels) {
        JsonNode matchLabels = selector.has("matchLabels") || selector.has("matchExpressions")
                ? selector.path("matchLabels") : selector;
        for (Map.Entry<String, JsonNode> required : matchLabels.properties()) {
            if (!required.getValue().asText().equals(labels.get(required.getKey()))) {
                return false;
            }
        }
        for (JsonNode expression : selector.path("matchExpressions")) {
            String value = labels.get(expression.path("key").asText());
            List<String> values = new ArrayList<>();
            expression.path("values").forEach(v -> values.add(v.asText()));
            boolean matches = switch (expression.path("operator").asText()) {
                case "In" -> values.contains(value);
                case "NotIn" -> value == null || !values.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> throw new AssertionError("unknown selector operator " + expression);
            };
            if (!matches) {
                return false;
            }
        }
        return true;
    }

    /** The Deployments whose pods a selector picks. */
    public List<JsonNode> deploymentsSelectedBy(JsonNode selector) {
        return ofKind("Deployment").stream().filter(d -> selects(selector, podLabels(d))).toList();
    }
}

package io.tenancycore.config.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** JSON helpers for values kept as strings in Redis. */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("stored JSON is unreadable", e);
        }
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static <T> T read(String text, Class<T> type) {
        try {
            return MAPPER.readValue(text, type);
        } catch (IOException e) {
            throw new UncheckedIOException("stored JSON is unreadable as " + type.getSimpleName(), e);
        }
    }

    /** {@code {"a.b": 1, "a.c": 2}} → {@code {"a": {"b": 1, "c": 2}}}; a value and a deeper key on one path: deeper wins. */
    public static ObjectNode nest(Map<String, JsonNode> flat) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        flat.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
            String[] segments = entry.getKey().split("\\.");
            ObjectNode node = root;
            for (int i = 0; i < segments.length - 1; i++) {
                JsonNode child = node.get(segments[i]);
                if (!(child instanceof ObjectNode)) {
                    child = node.putObject(segments[i]);
                }
                node = (ObjectNode) child;
            }
            String leaf = segments[segments.length - 1];
            if (!(node.get(leaf) instanceof ObjectNode) || !entry.getValue().isObject()) {
                node.set(leaf, entry.getValue());
            }
        });
        return root;
    }
}

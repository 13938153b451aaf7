package io.tenancycore.commons.events.filter;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import io.tenancycore.commons.error.Violation;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A filter expression of the CloudEvents Subscriptions API: {@code {"exact": {"type": "x"}}}, {@code prefix},
 * {@code suffix} (one attribute each, compared as strings), {@code {"all": [f, ...]}}, {@code {"any": [f, ...]}},
 * {@code {"not": f}}. An event without the attribute matches none of exact, prefix, suffix. A subscription's filters
 * all have to match ({@link #allOf}). Shared by the gateway's subscriptions and live stream and by the in-process
 * {@link io.tenancycore.commons.events.handler.EventHandler}s of every service.
 */
public interface EventFilter extends Predicate<CloudEvent> {

    EventFilter EVERYTHING = event -> true;

    /** {@code {"exact": {attribute: value}}}. */
    static EventFilter exact(String attribute, String value) {
        return event -> value.equals(attributeValue(event, attribute));
    }

    /** {@code {"prefix": {attribute: value}}}. */
    static EventFilter prefix(String attribute, String value) {
        return event -> {
            String actual = attributeValue(event, attribute);
            return actual != null && actual.startsWith(value);
        };
    }

    /** {@code {"suffix": {attribute: value}}}. */
    static EventFilter suffix(String attribute, String value) {
        return event -> {
            String actual = attributeValue(event, attribute);
            return actual != null && actual.endsWith(value);
        };
    }

    /** {@code {"any": [...]}}. */
    static EventFilter anyOf(List<EventFilter> filters) {
        return event -> filters.stream().anyMatch(filter -> filter.test(event));
    }

    /** {@code {"not": filter}}. */
    static EventFilter not(EventFilter filter) {
        return event -> !filter.test(event);
    }

    /** Every expression of {@code filters} must match; an empty list matches every event. */
    static EventFilter allOf(List<EventFilter> filters) {
        return event -> filters.stream().allMatch(filter -> filter.test(event));
    }

    /**
     * Compiles a subscription's {@code filters}.
     *
     * @param violations collects every broken rule, each with its JSON path below {@code field}
     */
    static EventFilter compile(JsonNode filters, String field, List<Violation> violations) {
        if (filters == null || filters.isNull() || filters.isMissingNode()) {
            return EVERYTHING;
        }
        if (!filters.isArray()) {
            violations.add(new Violation(field, "is an array of filter expressions", "type"));
            return EVERYTHING;
        }
        return allOf(list(filters, field, violations));
    }

    private static List<EventFilter> list(JsonNode array, String field, List<Violation> violations) {
        List<EventFilter> compiled = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            compiled.add(expression(array.get(i), field + "[" + i + "]", violations));
        }
        return compiled;
    }

    private static EventFilter expression(JsonNode node, String field, List<Violation> violations) {
        if (!node.isObject() || node.size() != 1) {
            violations.add(new Violation(field, "a filter expression is an object with exactly one dialect",
                    "invalid_filter"));
            return EVERYTHING;
        }
        Map.Entry<String, JsonNode> dialect = node.fields().next();
        String path = field + "." + dialect.getKey();
        JsonNode value = dialect.getValue();
        return switch (dialect.getKey()) {
            case "exact" -> attribute(value, path, violations, EventFilter::exact);
            case "prefix" -> attribute(value, path, violations, EventFilter::prefix);
            case "suffix" -> attribute(value, path, violations, EventFilter::suffix);
            case "all" -> nested(value, path, violations, true);
            case "any" -> nested(value, path, violations, false);
            case "not" -> not(expression(value, path, violations));
            default -> {
                violations.add(new Violation(field, "dialects are exact, prefix, suffix, all, any and not",
                        "unknown_dialect"));
                yield EVERYTHING;
            }
        };
    }

    private static EventFilter attribute(JsonNode value, String path, List<Violation> violations,
            java.util.function.BiFunction<String, String, EventFilter> dialect) {
        if (!value.isObject() || value.size() != 1 || !value.elements().next().isTextual()) {
            violations.add(new Violation(path, "names exactly one attribute and its string value", "invalid_filter"));
            return EVERYTHING;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
        Map.Entry<String, JsonNode> attribute = fields.next();
        return dialect.apply(attribute.getKey(), attribute.getValue().asText());
    }

    private static EventFilter nested(JsonNode value, String path, List<Violation> violations, boolean all) {
        if (!value.isArray() || value.isEmpty()) {
            violations.add(new Violation(path, "is a non-empty array of filter expressions", "invalid_filter"));
            return EVERYTHING;
        }
        List<EventFilter> filters = list(value, path, violations);
        return all ? allOf(filters) : anyOf(filters);
    }

    /** A context attribute or extension as a string; {@code null} when the event has none. */
    static String attributeValue(CloudEvent event, String name) {
        Object value;
        try {
            value = event.getAttribute(name);
        } catch (IllegalArgumentException notAnAttribute) {
            value = null;
        }
        if (value == null) {
            value = event.getExtension(name);
        }
        return value == null ? null : value.toString();
    }
}

package io.tenancycore.gateway.publish;

import io.tenancycore.commons.events.Priority;
import io.tenancycore.commons.error.Violation;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * CloudEvents 1.0's rules for an event's context attributes, checked before the SDK reads the event so that a client
 * learns every broken rule at once (the SDK stops at the first). Plus the platform's own: {@code priority} names a
 * known priority, and {@code partitionkey} / {@code kafkatopic} are refused because the Kafka connector would route
 * by them (the record key is always the tenant, the topic always the priority's).
 */
public final class EventRules {

    public static final String SPEC_VERSION = "1.0";
    static final List<String> REQUIRED = List.of("specversion", "id", "source", "type");
    static final Set<String> STRING_ATTRIBUTES = Set.of("id", "source", "type", "subject", "datacontenttype",
            "dataschema", "time", "specversion");
    static final Set<String> RESERVED_EXTENSIONS = Set.of("partitionkey", "kafkatopic");
    /** Structured mode's members that are not context attributes. */
    static final Set<String> DATA_MEMBERS = Set.of("data", "data_base64");
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[a-z0-9]{1,20}");

    private EventRules() {
    }

    /**
     * @param attributes attribute name to value: a String (binary mode's headers), or a JSON scalar/structure
     *                   (structured mode) as Jackson reads it: String, Number, Boolean, Map, List, or null
     * @param fieldPrefix prefixed to each violation's field, e.g. {@code [3].} for the fourth event of a batch
     */
    public static List<Violation> check(Map<String, ?> attributes, String fieldPrefix) {
        List<Violation> violations = new ArrayList<>();
        for (String required : REQUIRED) {
            Object value = attributes.get(required);
            if (value == null || value instanceof String text && text.isEmpty()) {
                violations.add(new Violation(fieldPrefix + required, "is required", "required"));
            }
        }
        Object specVersion = attributes.get("specversion");
        if (specVersion instanceof String version && !version.isEmpty() && !SPEC_VERSION.equals(version)) {
            violations.add(new Violation(fieldPrefix + "specversion", "must be " + SPEC_VERSION,
                    "unsupported_spec_version"));
        }
        for (Map.Entry<String, ?> attribute : attributes.entrySet()) {
            String name = attribute.getKey();
            Object value = attribute.getValue();
            String field = fieldPrefix + name;
            if (DATA_MEMBERS.contains(name)) {
                continue;
            }
            if (!ATTRIBUTE_NAME.matcher(name).matches()) {
                violations.add(new Violation(field, "attribute names are 1 to 20 lowercase letters or digits",
                        "invalid_attribute_name"));
                continue;
            }
            if (STRING_ATTRIBUTES.contains(name)) {
                if (value != null && !(value instanceof String)) {
                    violations.add(new Violation(field, "must be a string", "type"));
                    continue;
                }
            } else if (value instanceof Map || value instanceof List) {
                violations.add(new Violation(field, "an extension is a string, number or boolean",
                        "invalid_extension_value"));
                continue;
            }
            checkValue(name, value, field, violations);
        }
        if (attributes.get("data") != null && attributes.get("data_base64") != null) {
            violations.add(new Violation(fieldPrefix + "data_base64", "data and data_base64 exclude each other",
                    "conflicting_data"));
        }
        return violations;
    }

    private static void checkValue(String name, Object value, String field, List<Violation> violations) {
        if (value == null) {
            return;
        }
        String text = value.toString();
        switch (name) {
            case "source" -> {
                if (!text.isEmpty() && !isUriReference(text)) {
                    violations.add(new Violation(field, "must be a URI reference", "invalid_uri_reference"));
                }
            }
            case "dataschema" -> {
                if (!isAbsoluteUri(text)) {
                    violations.add(new Violation(field, "must be an absolute URI", "invalid_uri"));
                }
            }
            case "subject" -> {
                if (text.isEmpty()) {
                    violations.add(new Violation(field, "must not be empty when present", "empty"));
                }
            }
            case "datacontenttype" -> {
                if (!text.contains("/")) {
                    violations.add(new Violation(field, "must be a media type (RFC 2046)", "invalid_media_type"));
                }
            }
            case "time" -> {
                try {
                    OffsetDateTime.parse(text);
                } catch (DateTimeParseException e) {
                    violations.add(new Violation(field, "must be an RFC 3339 timestamp", "invalid_timestamp"));
                }
            }
            case Priority.EXTENSION -> {
                if (Priority.of(text).isEmpty()) {
                    violations.add(new Violation(field, "must be high, normal or low", "invalid_priority"));
                }
            }
            default -> {
                if (RESERVED_EXTENSIONS.contains(name)) {
                    violations.add(new Violation(field, "is reserved: the gateway chooses the Kafka key and topic",
                            "reserved_extension"));
                }
            }
        }
    }

    private static boolean isUriReference(String text) {
        try {
            new URI(text);
            return true;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean isAbsoluteUri(String text) {
        try {
            return new URI(text).isAbsolute();
        } catch (URISyntaxException e) {
            return false;
        }
    }
}

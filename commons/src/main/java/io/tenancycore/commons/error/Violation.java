package io.tenancycore.commons.error;

import java.util.Locale;

/**
 * One broken rule of a request: {@code field} is the JSON property path (e.g. {@code email},
 * {@code limits.quota}), {@code code} a stable machine-readable reason in snake_case whichever validator found it
 * ({@code not_blank} from Bean Validation's {@code NotBlank}, {@code additional_properties} from JSON Schema).
 */
public record Violation(String field, String message, String code) {

    public Violation {
        code = snakeCase(code);
    }

    static String snakeCase(String code) {
        if (code == null) {
            return null;
        }
        String snake = code.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replaceAll("([A-Z]+)([A-Z][a-z])", "$1_$2")
                .replace('-', '_');
        return snake.toLowerCase(Locale.ROOT);
    }
}

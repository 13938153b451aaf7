package io.tenancycore.commons.error;

/**
 * One broken rule of a request: {@code field} is the JSON property path (e.g. {@code email},
 * {@code limits.quota}), {@code code} a stable machine-readable reason (e.g. {@code NotBlank}, {@code type}).
 */
public record Violation(String field, String message, String code) {
}

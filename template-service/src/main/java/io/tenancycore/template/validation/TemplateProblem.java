package io.tenancycore.template.validation;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One reason a template is refused, with its position in the source (1-based line and column).
 *
 * @param locale the locale whose content has the problem
 * @param part {@code body} or {@code subject}
 * @param code stable reason: {@code syntax}, {@code unknown_namespace}, {@code unknown_message_key},
 *        {@code unknown_format_function}, {@code undeclared_parameter}, {@code invalid_locale}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TemplateProblem(String locale, String part, Integer line, Integer column, String code,
        String message) {

    public static final String SYNTAX = "syntax";
    public static final String UNKNOWN_NAMESPACE = "unknown_namespace";
    public static final String UNKNOWN_MESSAGE_KEY = "unknown_message_key";
    public static final String UNKNOWN_FORMAT_FUNCTION = "unknown_format_function";
    public static final String UNDECLARED_PARAMETER = "undeclared_parameter";
    public static final String INVALID_LOCALE = "invalid_locale";

    /** The JSON path of the offending field in the template document, e.g. {@code locales.fr.body}. */
    public String field() {
        return part == null ? "locales." + locale : "locales." + locale + "." + part;
    }
}

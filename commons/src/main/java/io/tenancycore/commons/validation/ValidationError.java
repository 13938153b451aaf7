package io.tenancycore.commons.validation;

import io.tenancycore.commons.error.Violation;

/**
 * One problem of a document. {@code pointer} is the RFC 6901 JSON pointer of the offending value ({@code ""} for
 * the document itself, {@code /features/1}); {@code keyword} the rule (a JSON Schema keyword such as
 * {@code required}, or a rule of ours such as {@code plan-cap}).
 */
public record ValidationError(String pointer, String message, String keyword) {

    /** As a problem+json violation: field names use dots, as in request bodies. */
    public Violation toViolation() {
        String field = pointer.isEmpty() ? "" : pointer.substring(1).replace("~1", "/").replace("~0", "~")
                .replaceAll("/(\\d+)(?=/|$)", "[$1]").replace('/', '.');
        return new Violation(field, message, keyword);
    }
}

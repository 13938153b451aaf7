package io.tenancycore.security.paging;

import io.tenancycore.commons.error.ProblemException;
import io.tenancycore.commons.error.Violation;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * {@code ?limit=} (default {@value #DEFAULT_LIMIT}, at most {@value #MAX_LIMIT}) and {@code ?cursor=} of a list
 * request. Parameters are read as text so that a bad value is a 400 problem naming it, not JAX-RS's 404. Cursors are
 * opaque (base64url of the last key of the previous page).
 */
public record PageRequest(int limit, String after) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;
    public static final String INVALID_QUERY = "urn:tenancycore:problem:security:invalid-query";

    public static PageRequest parse(String limit, String cursor) {
        return new PageRequest(limit(limit), cursor == null || cursor.isEmpty() ? null : decode(cursor));
    }

    static String cursorAfter(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    private static int limit(String text) {
        if (text == null || text.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw invalid("limit", "must be a whole number from 1 to " + MAX_LIMIT, "out_of_range");
    }

    private static String decode(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid("cursor", "must be a next_cursor from an earlier answer", "invalid_cursor");
        }
    }

    private static ProblemException invalid(String field, String message, String code) {
        return new ProblemException(INVALID_QUERY, 400, "Bad Request", "Invalid " + field + ": " + message + ".",
                List.of(new Violation(field, message, code)));
    }
}

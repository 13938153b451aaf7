package io.tenancycore.config.support;

import java.util.List;

/**
 * DESIGN's list convention: {@code {"items": [...], "next_cursor": "..."|null}}, {@code ?limit=} (default and
 * largest from {@link ConfigServiceConfig}), {@code ?cursor=} as the previous page's {@code next_cursor}. Query
 * values arrive as text so that {@code ?limit=abc} is a 400 problem naming {@code limit}, not a 404.
 */
public final class Paging {

    private Paging() {
    }

    public static int limit(String raw, ConfigServiceConfig config) {
        if (raw == null || raw.isBlank()) {
            return config.defaultPageSize();
        }
        try {
            int limit = Integer.parseInt(raw.trim());
            if (limit >= 1 && limit <= config.maxPageSize()) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ConfigProblems.invalidInput("limit", "limit must be a whole number from 1 to " + config.maxPageSize());
    }

    /** A numeric cursor (revisions), {@code null} when absent. */
    public static Long numericCursor(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw ConfigProblems.invalidInput("cursor", "cursor must be the next_cursor of the previous page");
        }
    }

    /** One page: up to {@code limit} of {@code candidates} (read one more than the limit to know a next exists). */
    public record Page<T>(List<T> items, String nextCursor) {
    }
}

package io.tenancycore.config.layers;

import io.tenancycore.config.support.ConfigProblems;

/** Revisions on the wire: {@code ETag: "7"}; {@code If-Match: "7"} (or {@code 7}, or {@code W/"7"}). */
public final class Revisions {

    private Revisions() {
    }

    public static String etag(long revision) {
        return "\"" + revision + "\"";
    }

    public static Long ifMatch(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.trim();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        value = value.replace("\"", "");
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ConfigProblems.invalidInput("If-Match", "If-Match must carry a revision number, e.g. \"7\"");
        }
    }
}

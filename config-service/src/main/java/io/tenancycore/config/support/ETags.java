package io.tenancycore.config.support;

/** Matching of If-Match / If-None-Match lists against a current tag (weak comparison; {@code *} matches any). */
public final class ETags {

    private ETags() {
    }

    public static boolean matchesAny(String header, String current) {
        if (header == null || header.isBlank()) {
            return false;
        }
        for (String candidate : header.split(",")) {
            String value = candidate.trim();
            if (value.equals("*")) {
                return true;
            }
            if (value.startsWith("W/")) {
                value = value.substring(2);
            }
            if (value.replace("\"", "").equals(current)) {
                return true;
            }
        }
        return false;
    }
}

package io.tenancycore.config.support;

import java.util.regex.Pattern;

/** Configuration keys are dotted paths: {@code database.pool.size}; the first segment is the key's namespace. */
public final class Keys {

    public static final String PATTERN = "[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*";
    public static final int MAX_LENGTH = 256;
    private static final Pattern VALID = Pattern.compile(PATTERN);

    private Keys() {
    }

    public static String requireValid(String field, String key) {
        if (key == null || key.length() > MAX_LENGTH || !VALID.matcher(key).matches()) {
            throw ConfigProblems.invalidInput(field, "'" + (key == null ? "" : abbreviate(key))
                    + "' is not a dotted key path (" + PATTERN + ", at most " + MAX_LENGTH + " characters)");
        }
        return key;
    }

    public static String namespace(String key) {
        int dot = key.indexOf('.');
        return dot < 0 ? key : key.substring(0, dot);
    }

    private static String abbreviate(String key) {
        return key.length() > 64 ? key.substring(0, 64) + "…" : key;
    }
}

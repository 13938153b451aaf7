package io.tenancycore.template.engine;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Keeps a value that starts a URL (an {@code href}, {@code src}… attribute or a Markdown link) from choosing a
 * dangerous scheme: {@code javascript:}, {@code data:}, {@code vbscript:} and anything else outside the allow-list
 * become {@link #INVALID}. Relative URLs ({@code /path}, {@code page?x=1:2}, {@code #top}) pass. The scheme is read
 * the way browsers read it: surrounding control characters and spaces dropped, tabs and line breaks removed
 * anywhere, case ignored — so {@code " Java\tScript:alert(1)"} is caught too.
 */
final class SafeUrls {

    /** What an unsafe URL is replaced with: a URL that goes nowhere (the convention of Closure's safe-HTML types). */
    static final String INVALID = "about:invalid";

    private static final Pattern TABS_AND_NEWLINES = Pattern.compile("[\\t\\n\\r]");
    private static final Pattern SCHEME = Pattern.compile("[a-z][a-z0-9+.\\-]*");

    private SafeUrls() {
    }

    static String allowListed(String url, Set<String> allowedSchemes) {
        String normalized = TABS_AND_NEWLINES.matcher(strip(url)).replaceAll("");
        int colon = normalized.indexOf(':');
        if (colon < 0) {
            return url;
        }
        String beforeColon = normalized.substring(0, colon);
        if (beforeColon.indexOf('/') >= 0 || beforeColon.indexOf('?') >= 0 || beforeColon.indexOf('#') >= 0) {
            // the colon is in a relative URL's path, query or fragment
            return url;
        }
        String scheme = beforeColon.toLowerCase(Locale.ROOT);
        // anything that is not a plain allowed scheme (including what only looks like one) is refused
        return SCHEME.matcher(scheme).matches() && allowedSchemes.contains(scheme) ? url : INVALID;
    }

    /** Spaces and control characters made harmless in any attribute or link destination: percent-encoded. */
    static String encodeWhitespace(String url) {
        StringBuilder encoded = null;
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c <= ' ' || c == 0x7f) {
                if (encoded == null) {
                    encoded = new StringBuilder(url.length() + 16).append(url, 0, i);
                }
                encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            } else if (encoded != null) {
                encoded.append(c);
            }
        }
        return encoded == null ? url : encoded.toString();
    }

    private static String strip(String url) {
        int start = 0;
        int end = url.length();
        while (start < end && url.charAt(start) <= ' ') {
            start++;
        }
        while (end > start && url.charAt(end - 1) <= ' ') {
            end--;
        }
        return url.substring(start, end);
    }
}

package io.tenancycore.systemtests;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression selects: identifiers outside strings, label matchers, ranges and grouping
 * clauses that are neither functions (followed by a parenthesis), keywords nor parts of numbers. The same rule as
 * deploy-tests' PromQl (this module depends on no other module of the build).
 */
final class PromQlNames {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without",
            "on", "ignoring", "group_left", "group_right", "inf", "nan");

    private PromQlNames() {
    }

    static Set<String> of(String expr) {
        String stripped = expr.replaceAll("\"[^\"]*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> names = new TreeSet<>();
        Matcher matcher = IDENTIFIER.matcher(stripped);
        while (matcher.find()) {
            String token = matcher.group();
            boolean function = stripped.substring(matcher.end()).stripLeading().startsWith("(");
            boolean number = matcher.start() > 0 && (Character.isDigit(stripped.charAt(matcher.start() - 1))
                    || stripped.charAt(matcher.start() - 1) == '.');
            if (!function && !number && !KEYWORDS.contains(token.toLowerCase())) {
                names.add(token);
            }
        }
        return names;
    }
}

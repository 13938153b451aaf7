package io.tenancycore.deploytests.dashboards;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression selects: identifiers outside strings, label matchers, ranges and grouping
 * clauses that are neither functions (followed by a parenthesis), keywords nor parts of numbers. Enough for the
 * expressions this project writes; Prometheus itself evaluates them in the system tests.
 */
public final class PromQl {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without",
            "on", "ignoring", "group_left", "group_right", "inf", "nan");

    private PromQl() {
    }

    public static Set<String> metricNames(String expr) {
        String stripped = expr.replaceAll("\"[^\"]*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> names = new TreeSet<>();
        Matcher matcher = IDENTIFIER.matcher(stripped);
        while (matcher.find()) {
            String token = matcher.group();
            String rest = stripped.substring(matcher.end()).stripLeading();
            boolean function = rest.startsWith("(");
            boolean number = matcher.start() > 0 && (Character.isDigit(stripped.charAt(matcher.start() - 1))
                    || stripped.charAt(matcher.start() - 1) == '.');
            if (!function && !number && !KEYWORDS.contains(token.toLowerCase())) {
                names.add(token);
            }
        }
        return names;
    }
}

package io.tenancycore.alert.support;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.Map;

/**
 * One Alertmanager matcher in its text form ({@code severity="critical"}, {@code env!~"dev|test"}): operators
 * {@code =}, {@code !=}, {@code =~}, {@code !~}; regexes are RE2 (linear time, tenant input) and anchored as
 * Alertmanager anchors them. A missing label matches as the empty string, as in Alertmanager.
 */
public final class LabelMatcher {

    public static final int MAX_LENGTH = 1024;
    private static final java.util.regex.Pattern FORM = java.util.regex.Pattern
            .compile("^\\s*([a-zA-Z_][a-zA-Z0-9_]{0,127})\\s*(=~|!~|!=|=)\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|[^\"\\s]*)\\s*$");

    public enum Op {
        EQ("="), NE("!="), RE("=~"), NRE("!~");

        final String text;

        Op(String text) {
            this.text = text;
        }

        static Op of(String text) {
            for (Op op : values()) {
                if (op.text.equals(text)) {
                    return op;
                }
            }
            throw new IllegalArgumentException(text);
        }
    }

    private final String name;
    private final Op op;
    private final String value;
    private final Pattern regex;

    private LabelMatcher(String name, Op op, String value) {
        this.name = name;
        this.op = op;
        this.value = value;
        this.regex = op == Op.RE || op == Op.NRE ? Pattern.compile("^(?:" + value + ")$") : null;
    }

    /** @throws IllegalArgumentException with a message for the client when the text is no matcher */
    public static LabelMatcher parse(String text) {
        if (text == null || text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a matcher is 1 to " + MAX_LENGTH + " characters");
        }
        java.util.regex.Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a matcher such as severity=\"critical\"");
        }
        String raw = m.group(3);
        String value = raw.startsWith("\"") ? raw.substring(1, raw.length() - 1).replace("\\\"", "\"")
                .replace("\\\\", "\\") : raw;
        try {
            return new LabelMatcher(m.group(1), Op.of(m.group(2)), value);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("'" + text + "' has an invalid RE2 regex: " + e.getDescription());
        }
    }

    public boolean matches(Map<String, String> labels) {
        String actual = labels.getOrDefault(name, "");
        return switch (op) {
            case EQ -> actual.equals(value);
            case NE -> !actual.equals(value);
            case RE -> regex.matches(actual);
            case NRE -> !regex.matches(actual);
        };
    }

    public static boolean all(java.util.List<LabelMatcher> matchers, Map<String, String> labels) {
        return matchers == null || matchers.stream().allMatch(m -> m.matches(labels));
    }

    /** Compiles matcher texts, adding a violation at {@code field[i]} for each bad one. */
    public static java.util.List<LabelMatcher> compile(java.util.List<String> texts, String field,
            java.util.List<io.tenancycore.commons.error.Violation> violations) {
        java.util.List<LabelMatcher> compiled = new java.util.ArrayList<>();
        if (texts == null) {
            return compiled;
        }
        if (texts.size() > 32) {
            violations.add(new io.tenancycore.commons.error.Violation(field, "at most 32 matchers", "too_many"));
            return compiled;
        }
        for (int i = 0; i < texts.size(); i++) {
            try {
                compiled.add(parse(texts.get(i)));
            } catch (IllegalArgumentException e) {
                violations.add(new io.tenancycore.commons.error.Violation(field + "[" + i + "]", e.getMessage(),
                        "invalid_matcher"));
            }
        }
        return compiled;
    }

    @Override
    public String toString() {
        return name + op.text + "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}

package io.tenancycore.alert.rule;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rule's condition on a signal's values: comparisons {@code <field> <op> <number>} ({@code >, >=, <, <=, ==, !=})
 * joined by {@code and} / {@code or} ({@code and} binds tighter), e.g. {@code value > 90 and load >= 2.5}. No
 * functions, no nesting, at most {@value #MAX_CLAUSES} comparisons and {@value #MAX_LENGTH} characters: evaluation is
 * linear and safe on tenant input. A field that is missing or not a number makes its comparison false.
 */
public final class Condition {

    public static final int MAX_LENGTH = 200;
    public static final int MAX_CLAUSES = 8;
    private static final Pattern CLAUSE = Pattern.compile(
            "^\\s*([a-zA-Z_][a-zA-Z0-9_.]{0,63})\\s*(>=|<=|==|!=|>|<)\\s*(-?\\d{1,15}(?:\\.\\d{1,15})?)\\s*$");
    private static final Pattern OR = Pattern.compile("\\s+or\\s+");
    private static final Pattern AND = Pattern.compile("\\s+and\\s+");

    private record Comparison(String field, String op, double value) {
        boolean test(Map<String, Object> data) {
            Object raw = data == null ? null : lookup(data, field);
            if (!(raw instanceof Number number)) {
                return false;
            }
            double actual = number.doubleValue();
            return switch (op) {
                case ">" -> actual > value;
                case ">=" -> actual >= value;
                case "<" -> actual < value;
                case "<=" -> actual <= value;
                case "==" -> actual == value;
                default -> actual != value;
            };
        }
    }

    private final List<List<Comparison>> anyOf;

    private Condition(List<List<Comparison>> anyOf) {
        this.anyOf = anyOf;
    }

    /** @throws IllegalArgumentException with a message for the client */
    public static Condition parse(String text) {
        if (text == null || text.isBlank()) {
            return new Condition(List.of());
        }
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("at most " + MAX_LENGTH + " characters");
        }
        List<List<Comparison>> anyOf = new ArrayList<>();
        int clauses = 0;
        for (String alternative : OR.split(text.trim())) {
            List<Comparison> allOf = new ArrayList<>();
            for (String clause : AND.split(alternative)) {
                Matcher m = CLAUSE.matcher(clause);
                if (!m.matches()) {
                    throw new IllegalArgumentException("'" + clause.trim()
                            + "' is not a comparison such as value > 90");
                }
                if (++clauses > MAX_CLAUSES) {
                    throw new IllegalArgumentException("at most " + MAX_CLAUSES + " comparisons");
                }
                allOf.add(new Comparison(m.group(1), m.group(2), Double.parseDouble(m.group(3))));
            }
            anyOf.add(allOf);
        }
        return new Condition(anyOf);
    }

    /** An empty condition holds always. */
    public boolean test(Map<String, Object> data) {
        return anyOf.isEmpty() || anyOf.stream().anyMatch(all -> all.stream().allMatch(c -> c.test(data)));
    }

    /** {@code a.b} reads nested objects. */
    @SuppressWarnings("unchecked")
    private static Object lookup(Map<String, Object> data, String path) {
        Object current = data;
        for (String part : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = ((Map<String, Object>) map).get(part);
        }
        return current;
    }
}

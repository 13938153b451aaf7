package io.tenancycore.config.schema;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import com.networknt.schema.regex.RegularExpression;
import com.networknt.schema.regex.RegularExpressionFactory;

/**
 * Regular expressions of tenant schemas ({@code pattern}, {@code patternProperties}, {@code format: regex}) on
 * RE2/J, whose matching time is linear in the input: {@code ^(a+)+$} cannot backtrack for seconds as it does on
 * {@code java.util.regex}. What RE2/J cannot do in linear time (backreferences, lookaround) does not compile and
 * is refused when the schema is saved. Patterns are also bounded in length and in compiled size, since RE2/J's
 * per-character cost grows with the program and it builds the program eagerly (see {@link PatternSize}); what
 * one validation may spend on matching in all is bounded by {@link MatchBudget}.
 *
 * <p>JSON Schema patterns are ECMA-262; RE2 syntax covers what schemas use in practice. ECMA's {@code \u0041} is
 * rewritten to RE2's {@code \x{0041}}; {@code $} already means end of input in both. Matching is unanchored
 * (a search), as JSON Schema requires.
 */
public final class LinearTimeRegularExpressionFactory implements RegularExpressionFactory {

    private final int maxLength;
    private final int maxProgramSize;

    public LinearTimeRegularExpressionFactory(int maxLength, int maxProgramSize) {
        this.maxLength = maxLength;
        this.maxProgramSize = maxProgramSize;
    }

    @Override
    public RegularExpression getRegularExpression(String regex) {
        Pattern compiled = compile(regex);
        long stepsPerCharacter = compiled.programSize();
        return value -> MatchBudget.trySpend(stepsPerCharacter * (value.length() + 1L))
                && compiled.matcher(value).find();
    }

    /** Compiles within the limits or throws {@link UnsupportedPatternException} saying why not. */
    public Pattern compile(String regex) {
        if (regex.length() > maxLength) {
            throw new UnsupportedPatternException("the pattern has " + regex.length() + " characters; at most "
                    + maxLength + " are allowed");
        }
        String re2 = fromEcmaScript(regex);
        long estimate = PatternSize.estimate(re2);
        if (estimate > maxProgramSize) {
            throw tooComplex(estimate);
        }
        Pattern compiled;
        try {
            compiled = Pattern.compile(re2);
        } catch (PatternSyntaxException e) {
            throw new UnsupportedPatternException("not supported by the linear-time regex engine (RE2 syntax; "
                    + "no backreferences or lookaround): " + e.getDescription());
        }
        if (compiled.programSize() > maxProgramSize) {
            throw tooComplex(compiled.programSize());
        }
        return compiled;
    }

    private UnsupportedPatternException tooComplex(long size) {
        return new UnsupportedPatternException("the pattern repeats too much: it compiles to about " + size
                + " instructions, at most " + maxProgramSize + " are allowed; use smaller repetition counts");
    }

    /** Rewrites ECMA-262 escapes RE2 spells differently: {@code \}{@code uXXXX} and {@code \}{@code u{X...}}. */
    static String fromEcmaScript(String regex) {
        if (regex.indexOf("\\u") < 0) {
            return regex;
        }
        StringBuilder out = new StringBuilder(regex.length() + 8);
        int i = 0;
        while (i < regex.length()) {
            char c = regex.charAt(i);
            if (c != '\\' || i + 1 >= regex.length()) {
                out.append(c);
                i++;
                continue;
            }
            char next = regex.charAt(i + 1);
            if (next == 'u' && isHex(regex, i + 2, i + 6)) {
                out.append("\\x{").append(regex, i + 2, i + 6).append('}');
                i += 6;
            } else if (next == 'u' && i + 2 < regex.length() && regex.charAt(i + 2) == '{') {
                out.append("\\x");
                i += 2;
            } else {
                out.append(c).append(next);
                i += 2;
            }
        }
        return out.toString();
    }

    private static boolean isHex(String text, int from, int to) {
        if (to > text.length()) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (Character.digit(text.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}

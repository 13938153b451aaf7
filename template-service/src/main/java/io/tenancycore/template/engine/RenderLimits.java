package io.tenancycore.template.engine;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What one render may cost and produce. Tenant templates are untrusted code and render data is untrusted input:
 * without these bounds a loop over a large number, nested loops, a number such as {@code 1E2000000} or a message of
 * a thousand {@code {0}} could keep a thread busy for minutes or fill the heap.
 *
 * @param maxOutputChars characters of output (body or subject) before the render is cut off; the text produced by
 *        {@code msg:} and {@code fmt:} is counted against the same number as it is produced
 * @param maxIterations loop iterations summed over every {@code {#for}}/{@code {#each}} of one render
 * @param maxNodes template nodes (text, expressions, sections) evaluated in one render, counted each time a loop
 *        body or a branch runs; bounds the memory of the result before any of it is written
 * @param timeout wall-clock time of one render, checked at every loop iteration, branch, message, format call and
 *        chunk of output
 * @param format bounds of the {@code fmt:} functions' inputs
 * @param messages bounds of {@code msg:} patterns and their arguments
 * @param urlSchemes schemes a value may bring into a URL attribute or a Markdown link; others are replaced
 */
public record RenderLimits(int maxOutputChars, int maxIterations, int maxNodes, Duration timeout,
        FormatLimits format, MessageLimits messages, Set<String> urlSchemes) {

    public static final FormatLimits DEFAULT_FORMAT = new FormatLimits(100, 40, 40, 20);
    public static final MessageLimits DEFAULT_MESSAGES = new MessageLimits(4000, 32, 10_000);
    public static final Set<String> DEFAULT_URL_SCHEMES = Set.of("http", "https", "mailto");

    public RenderLimits {
        if (maxOutputChars <= 0 || maxIterations <= 0 || maxNodes <= 0 || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("render limits must be positive");
        }
        urlSchemes = urlSchemes.stream().map(scheme -> scheme.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The given sizes and time; every other bound at its default, nodes at ten per iteration. */
    public RenderLimits(int maxOutputChars, int maxIterations, Duration timeout) {
        this(maxOutputChars, maxIterations, (int) Math.min(Integer.MAX_VALUE, 10L * maxIterations), timeout,
                DEFAULT_FORMAT, DEFAULT_MESSAGES, DEFAULT_URL_SCHEMES);
    }

    /**
     * @param maxArgumentChars characters of a string given to a {@code fmt:} function (a number, date, currency code
     *        or style)
     * @param maxDigits significant digits of a number
     * @param maxExponent largest power of ten, either way, of a number's leading digit: {@code 1E40} and
     *        {@code 1E-40} pass at 40, {@code 1E2000000} does not
     * @param maxFractionDigits fraction digits {@code fmt:number(x, n)} may ask for
     */
    public record FormatLimits(int maxArgumentChars, int maxDigits, int maxExponent, int maxFractionDigits) {

        public FormatLimits {
            if (maxArgumentChars <= 0 || maxDigits <= 0 || maxExponent < 0 || maxFractionDigits < 0) {
                throw new IllegalArgumentException("format limits must be positive");
            }
        }
    }

    /**
     * @param maxPatternChars characters of a message pattern
     * @param maxPlaceholders placeholders of a pattern, those inside {@code choice} formats included
     * @param maxArgumentChars characters of one argument as it is inserted
     */
    public record MessageLimits(int maxPatternChars, int maxPlaceholders, int maxArgumentChars) {

        public MessageLimits {
            if (maxPatternChars <= 0 || maxPlaceholders < 0 || maxArgumentChars <= 0) {
                throw new IllegalArgumentException("message limits must be positive");
            }
        }
    }
}

package io.tenancycore.template.engine;

import io.tenancycore.template.engine.RenderLimitExceededException.Limit;
import io.tenancycore.template.engine.RenderLimits.MessageLimits;
import java.util.Optional;

/**
 * The size of a message pattern. A pattern's output is at most its own text plus one argument per placeholder, so
 * bounding the pattern, its placeholders and each argument bounds what a {@code msg:} call can make: {@code {0}}
 * a thousand times with a 100 kB argument would otherwise be 100 MB from one call. Checked when a bundle is saved and
 * again at render time, for bundles saved before the limits were lowered.
 */
public final class MessagePatterns {

    private MessagePatterns() {
    }

    /**
     * An upper bound of the arguments a pattern can insert: every placeholder, at the top level or inside a
     * {@code choice} sub-pattern (which MessageFormat formats again), begins with its own {@code '{'}.
     */
    public static int placeholders(String pattern) {
        int count = 0;
        for (int i = 0; i < pattern.length(); i++) {
            if (pattern.charAt(i) == '{') {
                count++;
            }
        }
        return count;
    }

    /** The limit {@code pattern} goes past, if any. */
    public static Optional<RenderLimitExceededException> exceeded(String pattern, MessageLimits limits) {
        if (pattern.length() > limits.maxPatternChars()) {
            return Optional.of(new RenderLimitExceededException(Limit.MESSAGE_PATTERN_SIZE, limits.maxPatternChars(),
                    "A message pattern is longer than " + limits.maxPatternChars() + " characters."));
        }
        if (placeholders(pattern) > limits.maxPlaceholders()) {
            return Optional.of(new RenderLimitExceededException(Limit.MESSAGE_PLACEHOLDERS, limits.maxPlaceholders(),
                    "A message pattern has more than " + limits.maxPlaceholders() + " placeholders."));
        }
        return Optional.empty();
    }
}

package io.tenancycore.config.schema;

/**
 * An upper estimate of how many instructions RE2/J compiles a pattern into, read from the pattern text without
 * compiling it. RE2/J matches in time linear in the input, but the factor is the program size, and it builds the
 * program eagerly: {@code ((a{1000}){1000}){1000}} (23 characters) would allocate until the heap runs out. Counted
 * repetitions multiply what they repeat, so nesting them is what this estimate catches before compilation.
 *
 * <p>Every literal, escape, class and operator counts as one; a group counts as its content plus two (its capture);
 * {@code {n,m}} turns the atom before it into (atom + 1) × (m + 1). Alternation adds its branches up. The result
 * saturates instead of overflowing.
 */
final class PatternSize {

    private static final long SATURATED = 1L << 40;
    /** Instructions every program has: the whole-match capture, match and fail. */
    private static final long PROGRAM_OVERHEAD = 4;
    /** RE2/J refuses larger counts anyway; reading more digits than this only risks overflow. */
    private static final long LARGEST_COUNT = 100_000;

    private PatternSize() {
    }

    static long estimate(String pattern) {
        java.util.ArrayDeque<Frame> open = new java.util.ArrayDeque<>();
        Frame frame = new Frame();
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            switch (c) {
                case '\\' -> {
                    int end = endOfEscape(pattern, i);
                    boolean quoted = i + 1 < pattern.length() && pattern.charAt(i + 1) == 'Q';
                    frame.atom(quoted ? end - i : 1);
                    i = end;
                }
                case '[' -> {
                    frame.atom(1);
                    i = endOfClass(pattern, i);
                }
                case '(' -> {
                    open.push(frame);
                    frame = new Frame();
                    i++;
                }
                case ')' -> {
                    if (open.isEmpty()) {
                        frame.atom(1);
                    } else {
                        long group = saturate(frame.total + 2);
                        frame = open.pop();
                        frame.atom(group);
                    }
                    i++;
                }
                case '{' -> {
                    int end = endOfCount(pattern, i);
                    if (end < 0) {
                        frame.atom(1);
                        i++;
                    } else {
                        frame.repeat(upperCount(pattern, i, end) + 1);
                        i = end;
                    }
                }
                case '|' -> {
                    frame.total = saturate(frame.total + 1);
                    frame.last = 0;
                    i++;
                }
                default -> {
                    frame.atom(1);
                    i++;
                }
            }
        }
        while (!open.isEmpty()) {
            long group = saturate(frame.total + 2);
            frame = open.pop();
            frame.atom(group);
        }
        return saturate(frame.total + PROGRAM_OVERHEAD);
    }

    /** Index after an escape: {@code \d}, {@code \x{41}}, {@code \p{Greek}}, {@code \Q...\E}. */
    private static int endOfEscape(String pattern, int start) {
        int next = start + 1;
        if (next >= pattern.length()) {
            return pattern.length();
        }
        char kind = pattern.charAt(next);
        if (kind == 'Q') {
            int end = pattern.indexOf("\\E", next);
            return end < 0 ? pattern.length() : end + 2;
        }
        if ((kind == 'x' || kind == 'p' || kind == 'P') && next + 1 < pattern.length()
                && pattern.charAt(next + 1) == '{') {
            int close = pattern.indexOf('}', next);
            return close < 0 ? pattern.length() : close + 1;
        }
        return next + 1;
    }

    /** Index after a character class, including {@code []a]}, {@code [^]a]} and {@code [[:alpha:]]}. */
    private static int endOfClass(String pattern, int start) {
        int i = start + 1;
        if (i < pattern.length() && pattern.charAt(i) == '^') {
            i++;
        }
        if (i < pattern.length() && pattern.charAt(i) == ']') {
            i++;
        }
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                i = endOfEscape(pattern, i);
            } else if (c == '[' && i + 1 < pattern.length() && pattern.charAt(i + 1) == ':') {
                int close = pattern.indexOf(":]", i + 2);
                i = close < 0 ? i + 1 : close + 2;
            } else if (c == ']') {
                return i + 1;
            } else {
                i++;
            }
        }
        return i;
    }

    /** Index after {@code {n}}, {@code {n,}} or {@code {n,m}} starting at {@code start}; -1 if it is a literal brace. */
    private static int endOfCount(String pattern, int start) {
        int i = start + 1;
        int digits = 0;
        while (i < pattern.length() && Character.isDigit(pattern.charAt(i))) {
            i++;
            digits++;
        }
        if (digits == 0) {
            return -1;
        }
        if (i < pattern.length() && pattern.charAt(i) == ',') {
            i++;
            while (i < pattern.length() && Character.isDigit(pattern.charAt(i))) {
                i++;
            }
        }
        return i < pattern.length() && pattern.charAt(i) == '}' ? i + 1 : -1;
    }

    /** The largest count of {@code {n}}, {@code {n,}} or {@code {n,m}}. */
    private static long upperCount(String pattern, int start, int end) {
        long largest = 0;
        long current = 0;
        for (int i = start + 1; i < end - 1; i++) {
            char c = pattern.charAt(i);
            if (Character.isDigit(c)) {
                current = Math.min(LARGEST_COUNT, current * 10 + (c - '0'));
            } else {
                largest = Math.max(largest, current);
                current = 0;
            }
        }
        return Math.max(largest, current);
    }

    private static long saturate(long value) {
        return Math.min(value, SATURATED);
    }

    /** What has been read at one group level: its instruction total and the last atom (what a count repeats). */
    private static final class Frame {
        long total;
        long last;

        void atom(long size) {
            total = saturate(total + size);
            last = size;
        }

        /** {@code x{n,m}} compiles to n copies of x and m-n optional ones, each with a branch instruction. */
        void repeat(long times) {
            long repeated = saturate((last + 1) * times);
            total = saturate(total - last + repeated);
            last = repeated;
        }
    }
}

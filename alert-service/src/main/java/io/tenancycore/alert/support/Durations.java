package io.tenancycore.alert.support;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prometheus-style durations as Alertmanager configurations write them ({@code 30s}, {@code 5m}, {@code 1h30m},
 * {@code 500ms}), plus ISO-8601 ({@code PT30S}). The pattern is fixed and anchored, so the JDK regex is safe here.
 */
public final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d{1,9})(ms|s|m|h|d|w)");
    private static final Pattern WHOLE = Pattern.compile("^((\\d{1,9})(ms|s|m|h|d|w)){1,6}$");

    private Durations() {
    }

    /** @return null when {@code text} is no duration */
    public static Duration parse(String text) {
        if (text == null || text.isBlank() || text.length() > 40) {
            return null;
        }
        String value = text.trim();
        if (value.startsWith("P") || value.startsWith("p")) {
            try {
                return Duration.parse(value);
            } catch (RuntimeException e) {
                return null;
            }
        }
        if (!WHOLE.matcher(value).matches()) {
            return null;
        }
        Duration total = Duration.ZERO;
        Matcher part = PART.matcher(value);
        while (part.find()) {
            long n = Long.parseLong(part.group(1));
            total = total.plus(switch (part.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofDays(7 * n);
            });
        }
        return total;
    }
}

package io.tenancycore.config.watch;

import io.tenancycore.config.support.ConfigProblems;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Consul-style wait values: {@code 30s}, {@code 500ms}, {@code 2m}, or plain seconds. */
final class WaitDuration {

    private static final Pattern FORMAT = Pattern.compile("(\\d{1,7})(ms|s|m)?");

    private WaitDuration() {
    }

    static Duration parse(String value, Duration fallback, Duration max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        Matcher matcher = FORMAT.matcher(value.trim());
        if (!matcher.matches()) {
            throw ConfigProblems.invalidInput("wait", "wait must look like 30s, 500ms or 2m");
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "s" : matcher.group(2);
        Duration wait = switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofSeconds(amount);
        };
        return wait.compareTo(max) > 0 ? max : wait;
    }
}

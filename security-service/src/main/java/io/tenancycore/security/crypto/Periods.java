package io.tenancycore.security.crypto;

import java.time.Duration;

/** Vault-style periods: {@code 30d}, {@code 24h}, {@code 90m}, {@code 3600s} or {@code 3600} (seconds); 0 is off. */
public final class Periods {

    private Periods() {
    }

    public static Duration parse(String text) {
        if (text == null || text.isBlank() || "0".equals(text)) {
            return Duration.ZERO;
        }
        char unit = text.charAt(text.length() - 1);
        if (Character.isDigit(unit)) {
            return Duration.ofSeconds(Long.parseLong(text));
        }
        long amount = Long.parseLong(text.substring(0, text.length() - 1));
        return switch (unit) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            case 'd' -> Duration.ofDays(amount);
            default -> throw new IllegalArgumentException("unknown unit " + unit);
        };
    }

    public static String format(Duration period) {
        return period.isZero() ? "0" : period.toSeconds() + "s";
    }
}

package io.tenancycore.template.engine;

import io.tenancycore.template.engine.RenderLimitExceededException.Limit;
import io.tenancycore.template.engine.RenderLimits.FormatLimits;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.format.FormatStyle;
import java.time.temporal.TemporalAccessor;
import java.util.Currency;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads the arguments of the {@code fmt:} functions from template data within {@link FormatLimits}. Every value is
 * checked before anything is built from it: {@code 1E2000000} is a short string but a number whose formatting would
 * allocate gigabytes, and a fraction-digit count of a billion would too.
 */
final class FormatArguments {

    private static final Pattern CURRENCY_CODE = Pattern.compile("[A-Z]{3}");

    private final FormatLimits limits;

    FormatArguments(FormatLimits limits) {
        this.limits = limits;
    }

    /** A finite number with at most {@code maxDigits} significant digits and a bounded power of ten. */
    BigDecimal decimal(Object value) {
        BigDecimal decimal;
        if (value instanceof BigDecimal given) {
            decimal = given;
        } else if (value instanceof BigInteger given) {
            decimal = new BigDecimal(given);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte) {
            decimal = BigDecimal.valueOf(((Number) value).longValue());
        } else if (value instanceof Double || value instanceof Float) {
            decimal = finite(((Number) value).doubleValue());
        } else if (value instanceof String text) {
            decimal = parse(text);
        } else {
            throw new IllegalArgumentException("not a number");
        }
        return bounded(decimal);
    }

    int fractionDigits(Object value) {
        BigDecimal digits = decimal(value);
        if (digits.signum() < 0 || digits.compareTo(BigDecimal.valueOf(limits.maxFractionDigits())) > 0) {
            throw new RenderLimitExceededException(Limit.FRACTION_DIGITS, limits.maxFractionDigits(),
                    "fmt:number may show between 0 and " + limits.maxFractionDigits() + " fraction digits.");
        }
        return digits.intValueExact();
    }

    Currency currency(Object value) {
        String code = text(value).trim();
        if (!CURRENCY_CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("a currency is a three-letter ISO 4217 code such as 'EUR'");
        }
        return Currency.getInstance(code);
    }

    FormatStyle style(Object value) {
        String style = text(value).trim().toUpperCase(Locale.ROOT);
        try {
            return FormatStyle.valueOf(style);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a date style is one of 'short', 'medium', 'long', 'full'");
        }
    }

    /** ISO-8601 instant/offset date-time/local date-time/local date, or epoch milliseconds. */
    TemporalAccessor temporal(Object value, ZoneId zone) {
        if (value instanceof Number) {
            return Instant.ofEpochMilli(decimal(value).longValueExact()).atZone(zone);
        }
        String date = text(value).trim();
        try {
            return OffsetDateTime.parse(date).atZoneSameInstant(zone);
        } catch (DateTimeParseException notOffset) {
            try {
                return ZonedDateTime.of(LocalDateTime.parse(date), zone);
            } catch (DateTimeParseException notLocalDateTime) {
                return ZonedDateTime.of(LocalDate.parse(date).atStartOfDay(), zone);
            }
        }
    }

    /** A string argument, refused above {@code maxArgumentChars} before it is parsed. */
    private String text(Object value) {
        if (!(value instanceof String text)) {
            throw new IllegalArgumentException("expected a string");
        }
        if (text.length() > limits.maxArgumentChars()) {
            throw new RenderLimitExceededException(Limit.FORMAT_ARGUMENT_SIZE, limits.maxArgumentChars(),
                    "A fmt: argument is longer than " + limits.maxArgumentChars() + " characters.");
        }
        return text;
    }

    private BigDecimal parse(String value) {
        try {
            return new BigDecimal(text(value).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number");
        }
    }

    private static BigDecimal finite(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("not a finite number");
        }
        return new BigDecimal(Double.toString(value));
    }

    private BigDecimal bounded(BigDecimal decimal) {
        if (decimal.signum() == 0) {
            return BigDecimal.ZERO;
        }
        if (decimal.precision() > limits.maxDigits()) {
            throw new RenderLimitExceededException(Limit.NUMBER_DIGITS, limits.maxDigits(),
                    "A number given to fmt: has more than " + limits.maxDigits() + " significant digits.");
        }
        // the power of ten of the leading digit: 1E2000000 -> 2000000, 0.001 -> -3
        long exponent = (long) decimal.precision() - decimal.scale() - 1;
        if (Math.abs(exponent) > limits.maxExponent()) {
            throw new RenderLimitExceededException(Limit.NUMBER_EXPONENT, limits.maxExponent(),
                    "A number given to fmt: is beyond 10^" + limits.maxExponent() + " or below 10^-"
                            + limits.maxExponent() + ".");
        }
        return decimal;
    }
}

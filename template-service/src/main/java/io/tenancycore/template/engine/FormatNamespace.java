package io.tenancycore.template.engine;

import io.quarkus.qute.EvalContext;
import io.quarkus.qute.NamespaceResolver;
import io.quarkus.qute.TemplateInstance;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.FormatStyle;
import java.time.temporal.TemporalAccessor;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Locale-aware formatting for template data, which arrives as JSON (numbers, ISO-8601 strings):
 * <ul>
 * <li>{@code {fmt:number(x)}}, {@code {fmt:number(x, 2)}} (fraction digits), {@code {fmt:percent(x)}}</li>
 * <li>{@code {fmt:currency(x, 'EUR')}}</li>
 * <li>{@code {fmt:date(x)}}, {@code {fmt:time(x)}}, {@code {fmt:datetime(x)}}, each with an optional style
 * {@code 'short' | 'medium' | 'long' | 'full'}; {@code x} is an ISO-8601 date/date-time or epoch milliseconds,
 * shown in the render's time zone.</li>
 * </ul>
 */
final class FormatNamespace implements NamespaceResolver {

    static final String NAMESPACE = "fmt";
    static final String ZONE_ATTRIBUTE = "tenancy.zone";
    public static final Set<String> FUNCTIONS = Set.of("number", "percent", "currency", "date", "time", "datetime");

    @Override
    public String getNamespace() {
        return NAMESPACE;
    }

    @Override
    public CompletionStage<Object> resolve(EvalContext context) {
        Locale locale = context.getAttribute(TemplateInstance.LOCALE) instanceof Locale l ? l : Locale.ENGLISH;
        ZoneId zone = context.getAttribute(ZONE_ATTRIBUTE) instanceof ZoneId z ? z : ZoneOffset.UTC;
        String function = context.getName();
        return Arguments.evaluate(context).thenApply(arguments -> format(function, arguments, locale, zone));
    }

    static String format(String function, List<Object> arguments, Locale locale, ZoneId zone) {
        if (arguments.isEmpty()) {
            throw new IllegalArgumentException("fmt:" + function + " needs a value");
        }
        Object value = arguments.get(0);
        return switch (function) {
            case "number" -> number(value, arguments.size() > 1 ? integer(arguments.get(1)) : null, locale);
            case "percent" -> NumberFormat.getPercentInstance(locale).format(decimal(value));
            case "currency" -> currency(value, arguments.size() > 1 ? String.valueOf(arguments.get(1)) : null, locale);
            case "date" -> DateTimeFormatter.ofLocalizedDate(style(arguments, FormatStyle.MEDIUM))
                    .withLocale(locale).format(temporal(value, zone));
            case "time" -> DateTimeFormatter.ofLocalizedTime(style(arguments, FormatStyle.SHORT))
                    .withLocale(locale).format(temporal(value, zone));
            case "datetime" -> DateTimeFormatter.ofLocalizedDateTime(style(arguments, FormatStyle.MEDIUM))
                    .withLocale(locale).format(temporal(value, zone));
            default -> throw new IllegalArgumentException("unknown format function fmt:" + function);
        };
    }

    private static String number(Object value, Integer fractionDigits, Locale locale) {
        NumberFormat format = NumberFormat.getNumberInstance(locale);
        if (fractionDigits != null) {
            format.setMinimumFractionDigits(fractionDigits);
            format.setMaximumFractionDigits(fractionDigits);
        }
        return format.format(decimal(value));
    }

    private static String currency(Object value, String code, Locale locale) {
        NumberFormat format = NumberFormat.getCurrencyInstance(locale);
        if (code != null) {
            format.setCurrency(Currency.getInstance(code));
        }
        return format.format(decimal(value));
    }

    private static BigDecimal decimal(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        if (value instanceof Number || value instanceof String) {
            return new BigDecimal(value.toString().trim());
        }
        throw new IllegalArgumentException("not a number: " + value);
    }

    private static Integer integer(Object value) {
        return decimal(value).intValueExact();
    }

    private static FormatStyle style(List<Object> arguments, FormatStyle fallback) {
        if (arguments.size() < 2) {
            return fallback;
        }
        return FormatStyle.valueOf(String.valueOf(arguments.get(1)).toUpperCase(Locale.ROOT));
    }

    /** ISO-8601 instant/offset date-time/local date-time/local date, or epoch milliseconds. */
    private static TemporalAccessor temporal(Object value, ZoneId zone) {
        if (value instanceof Number millis) {
            return Instant.ofEpochMilli(millis.longValue()).atZone(zone);
        }
        String text = String.valueOf(value).trim();
        try {
            return OffsetDateTime.parse(text).atZoneSameInstant(zone);
        } catch (DateTimeParseException notOffset) {
            try {
                return ZonedDateTime.of(LocalDateTime.parse(text), zone);
            } catch (DateTimeParseException notLocalDateTime) {
                return ZonedDateTime.of(LocalDate.parse(text).atStartOfDay(), zone);
            }
        }
    }
}

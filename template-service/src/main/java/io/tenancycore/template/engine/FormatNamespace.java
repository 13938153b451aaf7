package io.tenancycore.template.engine;

import io.quarkus.qute.EvalContext;
import io.quarkus.qute.NamespaceResolver;
import io.quarkus.qute.TemplateInstance;
import java.text.NumberFormat;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
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
 * Arguments are read within the render's {@link RenderLimits.FormatLimits} ({@link FormatArguments}); each result is
 * charged to the render's budget.
 */
final class FormatNamespace implements NamespaceResolver {

    static final String NAMESPACE = "fmt";
    static final String ZONE_ATTRIBUTE = "tenancy.zone";
    public static final Set<String> FUNCTIONS = Set.of("number", "percent", "currency", "date", "time", "datetime");

    private final FormatArguments read;

    FormatNamespace(RenderLimits.FormatLimits limits) {
        this.read = new FormatArguments(limits);
    }

    @Override
    public String getNamespace() {
        return NAMESPACE;
    }

    @Override
    public CompletionStage<Object> resolve(EvalContext context) {
        RenderBudget budget = RenderBudget.of(context);
        budget.checkTime();
        Locale locale = context.getAttribute(TemplateInstance.LOCALE) instanceof Locale l ? l : Locale.ENGLISH;
        ZoneId zone = context.getAttribute(ZONE_ATTRIBUTE) instanceof ZoneId z ? z : ZoneOffset.UTC;
        String function = context.getName();
        return Arguments.evaluate(context).thenApply(arguments -> {
            String formatted;
            try {
                formatted = format(function, arguments, locale, zone);
            } catch (RenderLimitExceededException limit) {
                throw budget.fail(limit);
            }
            budget.onFormatted(formatted.length());
            return formatted;
        });
    }

    private String format(String function, List<Object> arguments, Locale locale, ZoneId zone) {
        if (arguments.isEmpty()) {
            throw new IllegalArgumentException("fmt:" + function + " needs a value");
        }
        Object value = arguments.get(0);
        Object option = arguments.size() > 1 ? arguments.get(1) : null;
        return switch (function) {
            case "number" -> number(value, option, locale);
            case "percent" -> NumberFormat.getPercentInstance(locale).format(read.decimal(value));
            case "currency" -> currency(value, option, locale);
            case "date" -> DateTimeFormatter.ofLocalizedDate(style(option, FormatStyle.MEDIUM))
                    .withLocale(locale).format(read.temporal(value, zone));
            case "time" -> DateTimeFormatter.ofLocalizedTime(style(option, FormatStyle.SHORT))
                    .withLocale(locale).format(read.temporal(value, zone));
            case "datetime" -> DateTimeFormatter.ofLocalizedDateTime(style(option, FormatStyle.MEDIUM))
                    .withLocale(locale).format(read.temporal(value, zone));
            default -> throw new IllegalArgumentException("unknown format function fmt:" + function);
        };
    }

    private String number(Object value, Object fractionDigits, Locale locale) {
        NumberFormat format = NumberFormat.getNumberInstance(locale);
        if (fractionDigits != null) {
            int digits = read.fractionDigits(fractionDigits);
            format.setMinimumFractionDigits(digits);
            format.setMaximumFractionDigits(digits);
        }
        return format.format(read.decimal(value));
    }

    private String currency(Object value, Object code, Locale locale) {
        NumberFormat format = NumberFormat.getCurrencyInstance(locale);
        if (code != null) {
            format.setCurrency(read.currency(code));
        }
        return format.format(read.decimal(value));
    }

    private FormatStyle style(Object option, FormatStyle fallback) {
        return option == null ? fallback : read.style(option);
    }
}

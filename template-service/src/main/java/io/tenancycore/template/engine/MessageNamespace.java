package io.tenancycore.template.engine;

import io.quarkus.qute.EvalContext;
import io.quarkus.qute.NamespaceResolver;
import io.quarkus.qute.TemplateInstance;
import io.tenancycore.template.engine.RenderLimitExceededException.Limit;
import io.tenancycore.template.engine.RenderLimits.MessageLimits;
import java.text.MessageFormat;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionStage;

/**
 * {@code {msg:key}} and {@code {msg:key(arg1, arg2)}}: a message of the tenant's bundles (falling back to the built-in
 * ones), formatted with {@link MessageFormat} in the render's locale. The result is escaped like any other value.
 * The pattern and each argument are checked against {@link MessageLimits} before formatting, and what the call
 * made is charged to the render's budget.
 */
final class MessageNamespace implements NamespaceResolver {

    static final String NAMESPACE = "msg";
    static final String SOURCE_ATTRIBUTE = "tenancy.messages";

    private final MessageLimits limits;

    MessageNamespace(MessageLimits limits) {
        this.limits = limits;
    }

    @Override
    public String getNamespace() {
        return NAMESPACE;
    }

    @Override
    public CompletionStage<Object> resolve(EvalContext context) {
        RenderBudget budget = RenderBudget.of(context);
        budget.checkTime();
        MessageSource messages = context.getAttribute(SOURCE_ATTRIBUTE) instanceof MessageSource source ? source
                : MessageSource.NONE;
        String key = context.getName();
        String pattern = messages.pattern(key).orElseThrow(() -> new UnknownMessageKeyException(key));
        MessagePatterns.exceeded(pattern, limits).ifPresent(exceeded -> {
            throw budget.fail(exceeded);
        });
        Locale locale = context.getAttribute(TemplateInstance.LOCALE) instanceof Locale l ? l : Locale.ENGLISH;
        return Arguments.evaluate(context).thenApply(arguments -> {
            String formatted = new MessageFormat(pattern, locale).format(bounded(arguments, budget));
            budget.onFormatted(formatted.length());
            return formatted;
        });
    }

    /**
     * Numbers, dates and booleans pass as they are (MessageFormat formats them in the locale; numbers from JSON are
     * small); anything else is inserted as its text, which must fit {@code maxArgumentChars}.
     */
    private Object[] bounded(List<Object> arguments, RenderBudget budget) {
        Object[] bounded = new Object[arguments.size()];
        for (int i = 0; i < bounded.length; i++) {
            Object argument = arguments.get(i);
            if (argument == null || argument instanceof Number || argument instanceof Date
                    || argument instanceof Boolean) {
                bounded[i] = argument;
                continue;
            }
            String text = argument.toString();
            if (text.length() > limits.maxArgumentChars()) {
                throw budget.fail(new RenderLimitExceededException(Limit.MESSAGE_ARGUMENT_SIZE,
                        limits.maxArgumentChars(),
                        "An argument of a message is longer than " + limits.maxArgumentChars() + " characters."));
            }
            bounded[i] = text;
        }
        return bounded;
    }
}

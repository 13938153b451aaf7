package io.tenancycore.template.engine;

import io.quarkus.qute.EvalContext;
import io.quarkus.qute.NamespaceResolver;
import io.quarkus.qute.TemplateInstance;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.concurrent.CompletionStage;

/**
 * {@code {msg:key}} and {@code {msg:key(arg1, arg2)}}: a message of the tenant's bundles (falling back to the built-in
 * ones), formatted with {@link MessageFormat} in the render's locale. The result is escaped like any other value.
 */
final class MessageNamespace implements NamespaceResolver {

    static final String NAMESPACE = "msg";
    static final String SOURCE_ATTRIBUTE = "tenancy.messages";

    @Override
    public String getNamespace() {
        return NAMESPACE;
    }

    @Override
    public CompletionStage<Object> resolve(EvalContext context) {
        MessageSource messages = context.getAttribute(SOURCE_ATTRIBUTE) instanceof MessageSource source ? source
                : MessageSource.NONE;
        String key = context.getName();
        String pattern = messages.pattern(key).orElseThrow(() -> new UnknownMessageKeyException(key));
        Locale locale = context.getAttribute(TemplateInstance.LOCALE) instanceof Locale l ? l : Locale.ENGLISH;
        return Arguments.evaluate(context)
                .thenApply(arguments -> new MessageFormat(pattern, locale).format(arguments.toArray()));
    }
}

package io.tenancycore.template.rendering;

import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateException;
import io.quarkus.qute.Variant;
import io.smallrye.mutiny.Uni;
import io.tenancycore.template.model.LocalizedContent;
import io.tenancycore.template.catalog.TemplateCatalog;
import io.tenancycore.template.catalog.TemplateVersion;
import io.tenancycore.template.engine.RenderEnvironment;
import io.tenancycore.template.engine.RenderFailedException;
import io.tenancycore.template.engine.SafeTemplateEngine;
import io.tenancycore.template.locale.Locales;
import io.tenancycore.template.messages.TenantMessages;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Executor;

/**
 * Renders a tenant's template: picks the tenant's override or the built-in template along the locale fallback chain,
 * takes the compiled template from this replica's {@link CompiledTemplates} (keyed by content) and renders
 * it on a worker thread within the engine's limits.
 */
public class TemplateRenderer {

    private static final String BODY = "body";
    private static final String SUBJECT = "subject";

    private final TemplateCatalog catalog;
    private final SafeTemplateEngine engine;
    private final CompiledTemplates compiled;
    private final Executor renderExecutor;

    public TemplateRenderer(TemplateCatalog catalog, SafeTemplateEngine engine, CompiledTemplates compiled,
            Executor renderExecutor) {
        this.catalog = catalog;
        this.engine = engine;
        this.compiled = compiled;
        this.renderExecutor = renderExecutor;
    }

    /** @return an empty item when neither the tenant nor the built-ins have {@code name} */
    public Uni<Optional<RenderResult>> render(String tenantId, String name, RenderRequest request) {
        String requested = request.locale() == null ? null : Locales.normalize(request.locale()).orElse(null);
        ZoneId zone = zone(request.timezone());
        return Uni.combine().all()
                .unis(catalog.settings(tenantId), catalog.override(tenantId, name), catalog.messages(tenantId))
                .asTuple()
                .chain(loaded -> {
                    Optional<TemplateVersion> override = loaded.getItem2();
                    Optional<TemplateVersion> builtin = catalog.builtins().find(name);
                    if (override.isEmpty() && builtin.isEmpty()) {
                        return Uni.createFrom().item(Optional.<RenderResult>empty());
                    }
                    List<String> chain = Locales.fallbackChain(requested, loaded.getItem1().defaultLocale());
                    Choice choice = choose(override, builtin, chain);
                    return Uni.createFrom()
                            .item(() -> Optional.of(render(tenantId, choice, chain, requested, zone,
                                    loaded.getItem3(), loaded.getItem1().defaultLocale(), request.data())))
                            .runSubscriptionOn(renderExecutor);
                });
    }

    public long compiledCacheSize() {
        return compiled.size();
    }

    private RenderResult render(String tenantId, Choice choice, List<String> chain, String requested, ZoneId zone,
            TenantMessages messages, String tenantDefault, Map<String, Object> data) {
        // Messages and number/date formats follow the requested chain when the content came from it; content taken
        // from outside the chain (last resort) brings its own locale.
        boolean inChain = chain.contains(choice.locale);
        List<String> messageChain = inChain ? chain : Locales.fallbackChain(choice.locale, tenantDefault);
        String formatLocale = inChain && requested != null ? requested : choice.locale;
        RenderEnvironment environment = new RenderEnvironment(Locales.toLocale(formatLocale), zone,
                messages.source(messageChain));
        LocalizedContent content = choice.template.locales().get(choice.locale);
        Map<String, Object> values = data == null ? Map.of() : data;
        String body = engine.render(compiledPart(tenantId, choice, BODY, content.body(),
                choice.template.contentType()), values, environment);
        String subject = content.subject() == null ? null
                : singleLine(engine.render(compiledPart(tenantId, choice, SUBJECT, content.subject(),
                        Variant.TEXT_PLAIN), values, environment));
        return new RenderResult(choice.template.name(), choice.locale, requested, choice.template.source(),
                choice.template.version(), choice.template.contentType(), subject, body);
    }

    private Template compiledPart(String tenantId, Choice choice, String part, String source, String contentType) {
        String id = choice.template.cacheId(tenantId) + "/" + choice.locale + "/" + part;
        try {
            return compiled.get(contentType, choice.locale, source,
                    () -> engine.parse(id, source, contentType, Locales.toLocale(choice.locale)));
        } catch (TemplateException e) {
            // stored templates were validated; this only happens if the engine changed underneath them
            throw new RenderFailedException("The stored template no longer parses: " + e.getMessage());
        }
    }

    /**
     * For each locale of the chain, the tenant's override wins over the built-in; when no locale of the chain
     * exists, the override's (else the built-in's) first locale is used rather than failing.
     */
    static Choice choose(Optional<TemplateVersion> override, Optional<TemplateVersion> builtin, List<String> chain) {
        for (String locale : chain) {
            if (override.isPresent() && override.get().locales().containsKey(locale)) {
                return new Choice(override.get(), locale);
            }
            if (builtin.isPresent() && builtin.get().locales().containsKey(locale)) {
                return new Choice(builtin.get(), locale);
            }
        }
        TemplateVersion fallback = override.orElseGet(builtin::orElseThrow);
        return new Choice(fallback, new TreeSet<>(fallback.locales().keySet()).first());
    }

    /** A subject is one header line: line breaks in data must not start a new header. */
    private static String singleLine(String subject) {
        return subject.replaceAll("[\\r\\n]+", " ").trim();
    }

    private static ZoneId zone(String timezone) {
        if (timezone == null || timezone.isBlank()) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(timezone);
        } catch (DateTimeException e) {
            throw new RenderFailedException("Unknown time zone '" + timezone + "'.");
        }
    }

    record Choice(TemplateVersion template, String locale) {
    }
}

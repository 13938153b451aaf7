package io.tenancycore.template.catalog;

import io.tenancycore.template.model.TemplateDraft;
import io.smallrye.mutiny.Uni;
import io.tenancycore.template.catalog.TemplateStore.Saved;
import io.tenancycore.template.catalog.TemplateVersion.Source;
import io.tenancycore.template.messages.MessageStore;
import io.tenancycore.template.messages.TenantMessages;
import io.tenancycore.template.settings.SettingsStore;
import io.tenancycore.template.settings.TemplateSettings;
import io.tenancycore.template.validation.TemplateInvalidException;
import io.tenancycore.template.validation.TemplateProblem;
import io.tenancycore.template.validation.TemplateValidator;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Changes to a tenant's templates, bundles and settings. Every template is validated before it is stored, every
 * change drops what every replica cached of it.
 */
public class TemplateService {

    private final TemplateCatalog catalog;
    private final TemplateValidator validator;
    private final MessageStore messages;
    private final SettingsStore settings;
    private final Clock clock;

    public TemplateService(TemplateCatalog catalog, TemplateValidator validator, MessageStore messages,
            SettingsStore settings, Clock clock) {
        this.catalog = catalog;
        this.validator = validator;
        this.messages = messages;
        this.settings = settings;
        this.clock = clock;
    }

    /** The template the tenant gets: its own current version, else the built-in one. */
    public Uni<Optional<TemplateVersion>> effective(String tenantId, String name) {
        return catalog.override(tenantId, name)
                .map(override -> override.or(() -> catalog.builtins().find(name)));
    }

    public Uni<List<String>> tenantNames(String tenantId) {
        return catalog.store().names(tenantId);
    }

    public BuiltinTemplates builtins() {
        return catalog.builtins();
    }

    public Uni<List<TemplateVersion>> versions(String tenantId, String name) {
        return catalog.store().versions(tenantId, name);
    }

    public Uni<Optional<TemplateVersion>> version(String tenantId, String name, int version) {
        return catalog.store().version(tenantId, name, version);
    }

    /** The tenant's bundles over the built-in ones. */
    public Uni<TenantMessages> allMessages(String tenantId) {
        return catalog.messages(tenantId);
    }

    /** The tenant's own bundle of one locale. */
    public Uni<Map<String, String>> messages(String tenantId, String locale) {
        return messages.bundle(tenantId, locale);
    }

    public Uni<TemplateSettings> settings(String tenantId) {
        return catalog.settings(tenantId);
    }

    public Uni<List<TemplateProblem>> validate(String tenantId, String name, TemplateDraft draft) {
        return Uni.combine().all().unis(catalog.messages(tenantId), catalog.settings(tenantId)).asTuple()
                .map(loaded -> validator.validate(name, draft, loaded.getItem1(),
                        loaded.getItem2().defaultLocale()));
    }

    /**
     * Validates and stores {@code draft} as the tenant's next version of {@code name}.
     *
     * @param expected the current version the change is based on (0 = no override yet), {@code null} = any
     */
    public Uni<Saved> save(String tenantId, String name, TemplateDraft draft, Integer expected, String actor) {
        return store(tenantId, name, draft, actor, null, expected);
    }

    public Uni<TemplateVersion> save(String tenantId, String name, TemplateDraft draft, String actor) {
        return save(tenantId, name, draft, null, actor).map(Saved::version);
    }

    /** Makes a copy of an earlier version the new current version; empty when that version is not kept. */
    public Uni<Optional<TemplateVersion>> rollback(String tenantId, String name, int version, Integer expected,
            String actor) {
        return catalog.store().version(tenantId, name, version).chain(found -> found.isEmpty()
                ? Uni.createFrom().item(Optional.<TemplateVersion>empty())
                : store(tenantId, name, found.get().toDraft(), actor, version, expected)
                        .map(saved -> Optional.of(saved.version())));
    }

    /**
     * Removes the tenant's override of {@code name} and its history.
     *
     * @param expected the version the caller last saw, {@code null} = any
     * @return {@code false} when the tenant has no override of that name
     */
    public Uni<Boolean> delete(String tenantId, String name, Integer expected) {
        return catalog.store().delete(tenantId, name, expected).call(deleted -> deleted
                ? catalog.templateChanged(tenantId, name)
                : Uni.createFrom().voidItem());
    }

    public Uni<Void> replaceMessages(String tenantId, String locale, Map<String, String> bundle) {
        return messages.replace(tenantId, locale, bundle)
                .chain(() -> catalog.messagesChanged(tenantId));
    }

    public Uni<Void> updateSettings(String tenantId, TemplateSettings update) {
        return settings.put(tenantId, update)
                .chain(() -> catalog.settingsChanged(tenantId));
    }

    private Uni<Saved> store(String tenantId, String name, TemplateDraft draft, String actor,
            Integer restoredFrom, Integer expected) {
        return validate(tenantId, name, draft).chain(problems -> {
            if (!problems.isEmpty()) {
                return Uni.createFrom().failure(new TemplateInvalidException(problems));
            }
            TemplateVersion candidate = TemplateVersion.of(name, 0, Source.tenant, draft, clock.instant(), actor,
                    restoredFrom);
            return catalog.store().save(tenantId, candidate, expected)
                    .call(saved -> catalog.templateChanged(tenantId, name));
        });
    }
}

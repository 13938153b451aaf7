package io.tenancycore.template.catalog;

import io.smallrye.mutiny.Uni;
import io.tenancycore.template.cache.LocalCache;
import io.tenancycore.template.changes.TemplateChange;
import io.tenancycore.template.messages.BuiltinMessages;
import io.tenancycore.template.messages.MessageStore;
import io.tenancycore.template.messages.TenantMessages;
import io.tenancycore.template.settings.SettingsStore;
import io.tenancycore.template.settings.TemplateSettings;
import java.util.Optional;

/**
 * Read side of a tenant's templates, messages and settings, with this replica's caches in front of Redis. A
 * {@link TemplateChange} (local or from another replica) drops exactly the entries it affects.
 */
public class TemplateCatalog {

    private final TemplateStore templates;
    private final MessageStore messages;
    private final SettingsStore settings;
    private final BuiltinTemplates builtinTemplates;
    private final BuiltinMessages builtinMessages;
    private final LocalCache<Optional<TemplateVersion>> overrides;
    private final LocalCache<TenantMessages> tenantMessages;
    private final LocalCache<TemplateSettings> tenantSettings;

    public TemplateCatalog(TemplateStore templates, MessageStore messages, SettingsStore settings,
            BuiltinTemplates builtinTemplates, BuiltinMessages builtinMessages, CacheFactory caches) {
        this.templates = templates;
        this.messages = messages;
        this.settings = settings;
        this.builtinTemplates = builtinTemplates;
        this.builtinMessages = builtinMessages;
        this.overrides = caches.create("template-overrides");
        this.tenantMessages = caches.create("template-messages");
        this.tenantSettings = caches.create("template-settings");
    }

    /** Creates this replica's caches; lets tests and the application size them alike. */
    @FunctionalInterface
    public interface CacheFactory {
        <V> LocalCache<V> create(String name);
    }

    public TemplateStore store() {
        return templates;
    }

    public BuiltinTemplates builtins() {
        return builtinTemplates;
    }

    /** The tenant's own current version of {@code name}, if it has one. */
    public Uni<Optional<TemplateVersion>> override(String tenantId, String name) {
        return overrides.get(overrideKey(tenantId, name), () -> templates.current(tenantId, name));
    }

    public Uni<TenantMessages> messages(String tenantId) {
        return tenantMessages.get(tenantId,
                () -> messages.all(tenantId).map(bundles -> new TenantMessages(bundles, builtinMessages)));
    }

    public Uni<TemplateSettings> settings(String tenantId) {
        return tenantSettings.get(tenantId, () -> settings.get(tenantId));
    }

    public void apply(TemplateChange change) {
        switch (change.kind()) {
            case template -> overrides.invalidate(overrideKey(change.tenantId(), change.name()));
            case messages -> tenantMessages.invalidate(change.tenantId());
            case settings -> tenantSettings.invalidate(change.tenantId());
        }
    }

    private static String overrideKey(String tenantId, String name) {
        return tenantId + "/" + name;
    }
}

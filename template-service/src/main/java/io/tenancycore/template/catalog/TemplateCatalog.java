package io.tenancycore.template.catalog;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.cache.CacheCodec;
import io.tenancycore.commons.cache.TieredCache;
import io.tenancycore.template.messages.BuiltinMessages;
import io.tenancycore.template.messages.MessageStore;
import io.tenancycore.template.messages.TenantMessages;
import io.tenancycore.template.settings.SettingsStore;
import io.tenancycore.template.settings.TemplateSettings;
import io.tenancycore.template.support.RedisKeys;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Read side of a tenant's templates, messages and settings, through commons' tiered caches (this replica's L1, the
 * shared Redis copy). A change drops the affected key everywhere: {@link TieredCache#invalidate} deletes the Redis copy
 * and announces it, so every other replica drops its L1 entry.
 */
public class TemplateCatalog {

    private static final Logger LOG = Logger.getLogger(TemplateCatalog.class);
    static final String OVERRIDES = "template-overrides";
    static final String MESSAGES = "template-messages";
    static final String SETTINGS = "template-settings";

    private final TemplateStore templates;
    private final MessageStore messages;
    private final SettingsStore settings;
    private final BuiltinTemplates builtinTemplates;
    private final BuiltinMessages builtinMessages;
    private final TieredCache<Override> overrides;
    private final TieredCache<Map<String, Map<String, String>>> tenantMessages;
    private final TieredCache<TemplateSettings> tenantSettings;

    /** The tenant's current version of a template, or none: "no override" is cached too, it is the common case. */
    public record Override(TemplateVersion current) {
    }

    /** Creates the named tiered caches; the application takes them from {@code TieredCaches}, a test builds its own. */
    @FunctionalInterface
    public interface CacheFactory {
        <V> TieredCache<V> create(String name, CacheCodec<V> codec);
    }

    public TemplateCatalog(TemplateStore templates, MessageStore messages, SettingsStore settings,
            BuiltinTemplates builtinTemplates, BuiltinMessages builtinMessages, CacheFactory caches,
            ObjectMapper mapper) {
        this.templates = templates;
        this.messages = messages;
        this.settings = settings;
        this.builtinTemplates = builtinTemplates;
        this.builtinMessages = builtinMessages;
        this.overrides = caches.create(OVERRIDES, CacheCodec.json(mapper, Override.class));
        this.tenantMessages = caches.create(MESSAGES, CacheCodec.json(mapper,
                new TypeReference<Map<String, Map<String, String>>>() {
                }));
        this.tenantSettings = caches.create(SETTINGS, CacheCodec.json(mapper, TemplateSettings.class));
    }

    public TemplateStore store() {
        return templates;
    }

    public BuiltinTemplates builtins() {
        return builtinTemplates;
    }

    /** The tenant's own current version of {@code name}, if it has one. */
    public Uni<Optional<TemplateVersion>> override(String tenantId, String name) {
        return overrides.get(RedisKeys.cachedOverride(tenantId, name),
                () -> templates.current(tenantId, name).map(current -> new Override(current.orElse(null))))
                .map(cached -> Optional.ofNullable(cached.current()));
    }

    public Uni<TenantMessages> messages(String tenantId) {
        return tenantMessages.get(RedisKeys.cachedMessages(tenantId), () -> messages.all(tenantId))
                .map(bundles -> new TenantMessages(bundles, builtinMessages));
    }

    public Uni<TemplateSettings> settings(String tenantId) {
        return tenantSettings.get(RedisKeys.cachedSettings(tenantId), () -> settings.get(tenantId));
    }

    public Uni<Void> templateChanged(String tenantId, String name) {
        return announced(overrides.invalidate(RedisKeys.cachedOverride(tenantId, name)), tenantId);
    }

    public Uni<Void> messagesChanged(String tenantId) {
        return announced(tenantMessages.invalidate(RedisKeys.cachedMessages(tenantId)), tenantId);
    }

    public Uni<Void> settingsChanged(String tenantId) {
        return announced(tenantSettings.invalidate(RedisKeys.cachedSettings(tenantId)), tenantId);
    }

    /**
     * The change is stored already; if Redis or Kafka refuse the invalidation, the caches' TTL bounds how long a
     * replica can serve the old value, so the caller's write still succeeds.
     */
    private static Uni<Void> announced(Uni<Void> invalidation, String tenantId) {
        return invalidation.onFailure().recoverWithItem(failure -> {
            LOG.warnf("template change of tenant %s not announced to every replica: %s", tenantId, failure.toString());
            return null;
        });
    }
}

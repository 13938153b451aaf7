package io.tenancycore.template.settings;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.tenancycore.template.support.RedisKeys;

/** A tenant's template settings in Redis (one hash). */
public class SettingsStore {

    private static final String DEFAULT_LOCALE = "default_locale";

    private final ReactiveRedisDataSource redis;

    public SettingsStore(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    public Uni<TemplateSettings> get(String tenantId) {
        return redis.hash(String.class).hget(RedisKeys.settings(tenantId), DEFAULT_LOCALE)
                .map(locale -> locale == null ? TemplateSettings.DEFAULTS : new TemplateSettings(locale));
    }

    public Uni<Void> put(String tenantId, TemplateSettings settings) {
        return redis.hash(String.class).hset(RedisKeys.settings(tenantId), DEFAULT_LOCALE, settings.defaultLocale())
                .replaceWithVoid();
    }
}

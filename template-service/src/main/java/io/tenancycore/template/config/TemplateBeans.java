package io.tenancycore.template.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.tenancycore.commons.cache.TieredCaches;
import io.tenancycore.commons.storage.StorageAccount;
import io.tenancycore.commons.storage.StorageUsageMetrics;
import io.tenancycore.commons.storage.TenantStorage;
import io.tenancycore.template.catalog.BuiltinTemplates;
import io.tenancycore.template.catalog.TemplateCatalog;
import io.tenancycore.template.catalog.TemplateService;
import io.tenancycore.template.catalog.TemplateStore;
import io.tenancycore.template.engine.RenderLimits;
import io.tenancycore.template.engine.SafeTemplateEngine;
import io.tenancycore.template.messages.BuiltinMessages;
import io.tenancycore.template.messages.MessageStore;
import io.tenancycore.template.rendering.CompiledTemplates;
import io.tenancycore.template.rendering.TemplateRenderer;
import io.tenancycore.template.settings.SettingsStore;
import io.tenancycore.template.validation.TemplateValidator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * CDI wiring of the service's classes, which are plain classes so a test can build a second replica from them.
 * {@link Replica} builds the same graph; this class only adds configuration and lifecycle.
 */
@ApplicationScoped
public class TemplateBeans {

    /** This service's name in Redis keys and problem types. */
    public static final String STORAGE_SERVICE = "template";

    @Produces
    @Singleton
    Replica replica(TemplateServiceConfig config, ReactiveRedisDataSource redis, ObjectMapper mapper,
            TieredCaches caches, MeterRegistry registry, TenantStorage storage, StorageUsageMetrics storageMetrics) {
        return new Replica(config.render().limits(), config.versionsKept(), config.cache().compiledMaxSize(), redis,
                mapper, caches::cache, registry, new StorageAccount(STORAGE_SERVICE, storage, storageMetrics));
    }

    @Produces
    @Singleton
    TemplateService templateService(Replica replica) {
        return replica.service();
    }

    @Produces
    @Singleton
    TemplateRenderer templateRenderer(Replica replica) {
        return replica.renderer();
    }

    /** One replica's object graph: stores, tiered caches, engine, compiled templates. */
    public static final class Replica {

        private final TemplateService service;
        private final TemplateRenderer renderer;
        private final TemplateCatalog catalog;

        public Replica(RenderLimits limits, int versionsKept, long compiledCacheSize, ReactiveRedisDataSource redis,
                ObjectMapper mapper, TemplateCatalog.CacheFactory caches, MeterRegistry registry,
                StorageAccount storage) {
            SafeTemplateEngine engine = new SafeTemplateEngine(limits);
            MessageStore messages = new MessageStore(redis, storage);
            SettingsStore settings = new SettingsStore(redis);
            this.catalog = new TemplateCatalog(new TemplateStore(redis, mapper, versionsKept, storage), messages,
                    settings, BuiltinTemplates.load(), BuiltinMessages.load(), caches, mapper);
            this.renderer = new TemplateRenderer(catalog, engine, new CompiledTemplates(compiledCacheSize, registry),
                    Infrastructure.getDefaultWorkerPool());
            this.service = new TemplateService(catalog, new TemplateValidator(engine), messages, settings,
                    Clock.systemUTC());
        }

        public TemplateService service() {
            return service;
        }

        public TemplateRenderer renderer() {
            return renderer;
        }

        public TemplateCatalog catalog() {
            return catalog;
        }
    }
}

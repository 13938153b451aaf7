package io.tenancycore.template.config;

import io.tenancycore.commons.storage.StorageAccount;
import io.tenancycore.commons.storage.StorageUsageMetrics;
import io.tenancycore.commons.storage.TenantStorage;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.qute.Template;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.tenancycore.commons.events.EventPublisher;
import io.tenancycore.commons.events.EventSink;
import io.tenancycore.commons.events.InstanceId;
import io.tenancycore.template.cache.LocalCache;
import io.tenancycore.template.catalog.BuiltinTemplates;
import io.tenancycore.template.catalog.TemplateCatalog;
import io.tenancycore.template.catalog.TemplateService;
import io.tenancycore.template.catalog.TemplateStore;
import io.tenancycore.template.changes.TemplateChangeBus;
import io.tenancycore.template.engine.SafeTemplateEngine;
import io.tenancycore.template.messages.BuiltinMessages;
import io.tenancycore.template.messages.MessageStore;
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
            EventPublisher publisher, InstanceId instanceId, MeterRegistry registry, TenantStorage storage,
            StorageUsageMetrics storageMetrics) {
        return new Replica(config.render().limits(), config.versionsKept(), config.cache().maxSize(),
                config.cache().compiledMaxSize(), config.cache().ttl(), redis, mapper, publisher, instanceId.value(),
                registry, new StorageAccount(STORAGE_SERVICE, storage, storageMetrics));
    }

    @Produces
    @Singleton
    TemplateService templateService(Replica replica) {
        return replica.service();
    }

    @Produces
    @Singleton
    TemplateChangeBus templateChanges(Replica replica) {
        return replica.changes();
    }

    @Produces
    @Singleton
    TemplateRenderer templateRenderer(Replica replica) {
        return replica.renderer();
    }

    /** One replica's object graph: stores, caches, engine, change bus. */
    public static final class Replica {

        private final TemplateService service;
        private final TemplateRenderer renderer;
        private final TemplateChangeBus changes;
        private final TemplateCatalog catalog;

        public Replica(io.tenancycore.template.engine.RenderLimits limits, int versionsKept, long cacheSize,
                long compiledCacheSize, java.time.Duration cacheTtl, ReactiveRedisDataSource redis,
                ObjectMapper mapper, EventSink publisher, String instanceId, MeterRegistry registry,
                StorageAccount storage) {
            SafeTemplateEngine engine = new SafeTemplateEngine(limits);
            MessageStore messages = new MessageStore(redis, storage);
            SettingsStore settings = new SettingsStore(redis);
            this.catalog = new TemplateCatalog(new TemplateStore(redis, mapper, versionsKept, storage), messages,
                    settings, BuiltinTemplates.load(), BuiltinMessages.load(), new TemplateCatalog.CacheFactory() {
                        @Override
                        public <V> LocalCache<V> create(String name) {
                            return new LocalCache<>(name, cacheSize, cacheTtl, registry);
                        }
                    });
            LocalCache<Template> compiled = new LocalCache<>("template-compiled", compiledCacheSize, cacheTtl,
                    registry);
            this.renderer = new TemplateRenderer(catalog, engine, compiled, Infrastructure.getDefaultWorkerPool());
            this.changes = new TemplateChangeBus(publisher, mapper, instanceId);
            changes.addListener(catalog::apply);
            changes.addListener(renderer::apply);
            this.service = new TemplateService(catalog, new TemplateValidator(engine), messages, settings, changes,
                    Clock.systemUTC());
        }

        public TemplateService service() {
            return service;
        }

        public TemplateRenderer renderer() {
            return renderer;
        }

        public TemplateChangeBus changes() {
            return changes;
        }

        public TemplateCatalog catalog() {
            return catalog;
        }
    }
}

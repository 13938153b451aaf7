package io.tenancycore.template.changes;

import io.tenancycore.commons.storage.StorageAccount;
import io.tenancycore.commons.storage.TenantStorage;
import io.tenancycore.commons.tenantstatus.TenantDirectory;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.cache.CacheCodec;
import io.tenancycore.commons.cache.CacheInvalidationRouter;
import io.tenancycore.commons.cache.CacheSettings;
import io.tenancycore.commons.cache.TieredCache;
import io.tenancycore.commons.events.ChannelReadiness;
import io.tenancycore.commons.events.ConfigChangesListener;
import io.tenancycore.commons.events.Topics;
import io.tenancycore.template.catalog.TemplateCatalog;
import io.tenancycore.commons.events.CloudEvents;
import io.tenancycore.commons.events.EventSink;
import io.tenancycore.commons.testsupport.Infra;
import io.tenancycore.commons.testsupport.RealBroker;
import io.tenancycore.commons.testsupport.RedisClients;
import io.tenancycore.commons.testsupport.TopicFeed;
import io.tenancycore.template.model.LocalizedContent;
import io.tenancycore.template.model.TemplateDraft;
import io.tenancycore.template.catalog.TemplateVersion.Source;
import io.tenancycore.template.config.TemplateBeans;
import io.tenancycore.template.catalog.TemplateVersion;
import io.tenancycore.template.config.TemplateBeans.Replica;
import io.tenancycore.template.engine.RenderLimits;
import io.tenancycore.template.rendering.RenderRequest;
import io.tenancycore.template.rendering.RenderResult;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two replicas over the real Redis and the real Kafka: replica A is the running service (commons' tiered caches, whose
 * invalidations travel on {@code tenancy.config-changes}, read by A with a consumer group of its own), replica B a
 * second object graph in this JVM with tiered caches of its own that writes and reads the topic as another pod would.
 * What one changes, the other serves within a second.
 */
@QuarkusTest
@TestProfile(RealBroker.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TemplateChangePropagationIT {

    private static final Duration WITHIN_A_SECOND = Duration.ofSeconds(1);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final RenderLimits LIMITS = new RenderLimits(100_000, 1_000, Duration.ofSeconds(2));

    private static final RedisClients REDIS = new RedisClients();
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String TENANT = "tpl-it-" + RUN;

    @Inject
    Replica a;
    @Inject
    ChannelReadiness readiness;
    private Replica b;
    private TopicFeed feedOfB;
    private ReactiveRedisDataSource redis;

    @BeforeEach
    void startSecondReplica() throws Exception {
        if (b != null) {
            return;
        }
        assertTrue(readiness.awaitAssignment(ConfigChangesListener.CHANNEL, TIMEOUT), "replica A got no partitions");
        ObjectMapper mapper = Infra.mapper();
        redis = REDIS.dataSource(Infra.redisUrl());
        String instanceB = "it-b-" + RUN;
        EventSink toKafka = (topic, tenantId, type, subject, data) -> Uni.createFrom().item(() -> {
            try {
                Infra.send(topic, tenantId, CloudEventBuilder.v1().withId(UUID.randomUUID().toString())
                        .withSource(URI.create("/tenancy/template-service")).withType(type).withSubject(subject)
                        .withExtension(CloudEvents.TENANT_EXTENSION, tenantId)
                        .withData(CloudEvents.JSON, mapper.writeValueAsBytes(data)).build());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return null;
        });
        ReactiveRedisDataSource redisOfB = REDIS.dataSource(Infra.redisUrl());
        SimpleMeterRegistry registryOfB = new SimpleMeterRegistry();
        CacheInvalidationRouter routerOfB = new CacheInvalidationRouter();
        TemplateCatalog.CacheFactory cachesOfB = new TemplateCatalog.CacheFactory() {
            @Override
            public <V> TieredCache<V> create(String name, CacheCodec<V> codec) {
                TieredCache<V> cache = new TieredCache<>(CacheSettings.defaults(name, Topics.CONFIG_CHANGES), codec,
                        redisOfB, toKafka, instanceB, registryOfB);
                routerOfB.register(cache);
                return cache;
            }
        };
        b = new Replica(LIMITS, 10, 1_000, redisOfB, mapper, cachesOfB, registryOfB,
                new StorageAccount(TemplateBeans.STORAGE_SERVICE,
                        new TenantStorage(TenantDirectory.EVERY_TENANT_ACTIVE, List.of("config", "template")), null));
        feedOfB = new TopicFeed(Topics.CONFIG_CHANGES, event -> routerOfB.route(event).await().atMost(TIMEOUT));
    }

    @AfterAll
    void stop() throws InterruptedException {
        if (feedOfB != null) {
            feedOfB.close();
        }
        List<String> keys = redis.key().keys("template:{" + TENANT + "}:*").await().atMost(TIMEOUT);
        if (!keys.isEmpty()) {
            redis.key().del(keys.toArray(String[]::new)).await().atMost(TIMEOUT);
        }
        REDIS.close();
    }

    private static RenderResult render(Replica replica, String name, String locale) {
        return replica.renderer().render(TENANT, name, new RenderRequest(Map.of("user", "Kim"), locale, null))
                .await().atMost(TIMEOUT).orElseThrow();
    }

    private static TemplateDraft draft(String body) {
        return new TemplateDraft(null, "text/plain", null, Map.of("en", new LocalizedContent(null, body)));
    }

    @Test
    void aChangeOnOneReplicaIsServedByTheOtherWithinASecond() {
        // B has the built-in cached
        assertEquals(Source.builtin, render(b, "welcome_email", "en").source());

        a.service().save(TENANT, "welcome_email", draft("from A, {user}"), "it").await().atMost(TIMEOUT);
        await().atMost(WITHIN_A_SECOND).pollInterval(Duration.ofMillis(20))
                .until(() -> "from A, Kim".equals(render(b, "welcome_email", "en").body()));

        b.service().save(TENANT, "welcome_email", draft("from B, {user}"), "it").await().atMost(TIMEOUT);
        await().atMost(WITHIN_A_SECOND).pollInterval(Duration.ofMillis(20))
                .until(() -> "from B, Kim".equals(render(a, "welcome_email", "en").body()));

        a.service().replaceMessages(TENANT, "en", Map.of("welcome_greeting", "Yo {0}!")).await().atMost(TIMEOUT);
        a.service().delete(TENANT, "welcome_email", null).await().atMost(TIMEOUT);
        await().atMost(WITHIN_A_SECOND).pollInterval(Duration.ofMillis(20))
                .until(() -> render(b, "welcome_email", "en").body().contains("Yo Kim!"));
        assertEquals(Source.builtin, render(b, "welcome_email", "en").source());
    }

    @Test
    void withoutTheEventTheOtherReplicaKeepsServingItsCache() {
        String name = "cached_notice";
        a.service().save(TENANT, name, draft("v1"), "it").await().atMost(TIMEOUT);
        await().atMost(WITHIN_A_SECOND).until(() -> "v1".equals(render(b, name, "en").body()));

        // a write that bypasses the caches: B keeps its cached version, which proves B's reads are cached and that
        // the propagation above is the invalidation's doing, not a Redis read
        TemplateVersion silent = TemplateVersion.of(name, 0, Source.tenant, draft("v2"), Instant.now(), "it", null);
        int v2 = a.catalog().store().save(TENANT, silent, null).await().atMost(TIMEOUT).version().version();
        assertEquals("v1", render(b, name, "en").body());

        a.catalog().templateChanged(TENANT, name).await().atMost(TIMEOUT);
        await().atMost(WITHIN_A_SECOND).pollInterval(Duration.ofMillis(20))
                .until(() -> "v2".equals(render(b, name, "en").body()));
        assertEquals(v2, render(b, name, "en").version());
    }
}

package io.tenancycore.template.changes;

import io.tenancycore.commons.storage.StorageAccount;
import io.tenancycore.commons.storage.TenantStorage;
import io.tenancycore.commons.tenantstatus.TenantDirectory;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.tenancycore.commons.events.CloudEventPublisher;
import io.tenancycore.commons.events.ConsumerSettings;
import io.tenancycore.commons.events.EventSubscriptions;
import io.tenancycore.commons.events.KafkaClientFactory;
import io.tenancycore.commons.events.TopicProvisioner;
import io.tenancycore.commons.events.Topics;
import io.tenancycore.commons.testsupport.Infra;
import io.tenancycore.commons.testsupport.RedisClients;
import io.tenancycore.template.catalog.LocalizedContent;
import io.tenancycore.template.catalog.TemplateDraft;
import io.tenancycore.template.catalog.TemplateVersion;
import io.tenancycore.template.catalog.TemplateVersion.Source;
import io.tenancycore.template.config.TemplateBeans;
import io.tenancycore.template.config.TemplateBeans.Replica;
import io.tenancycore.template.engine.RenderLimits;
import io.tenancycore.template.rendering.RenderRequest;
import io.tenancycore.template.rendering.RenderResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two replicas of the service in one JVM — each with its own Redis connection, Kafka producer, BROADCAST consumer
 * and caches — over the real Redis and the real Kafka: what one changes, the other serves within a second.
 */
class TemplateChangePropagationIT {

    private static final Duration WITHIN_A_SECOND = Duration.ofSeconds(1);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final RenderLimits LIMITS = new RenderLimits(100_000, 1_000, Duration.ofSeconds(2));

    private static final RedisClients REDIS = new RedisClients();
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String TENANT = "tpl-it-" + RUN;
    private static EventSubscriptions subscriptionsA;
    private static EventSubscriptions subscriptionsB;
    private static CloudEventPublisher publisherA;
    private static CloudEventPublisher publisherB;
    private static Replica a;
    private static Replica b;
    private static ReactiveRedisDataSource redis;

    @BeforeAll
    static void startTwoReplicas() throws Exception {
        KafkaClientFactory kafka = Infra.kafka();
        try (Admin admin = kafka.admin("template-it-admin", TIMEOUT)) {
            new TopicProvisioner(admin, TIMEOUT).ensure(List.of(Topics.TEMPLATE_CHANGES), 3, (short) 1);
        }
        ObjectMapper mapper = Infra.mapper();
        redis = REDIS.dataSource(Infra.redisUrl());
        publisherA = CloudEventPublisher.create(kafka, "template-service", mapper, new SimpleMeterRegistry(), TIMEOUT);
        publisherB = CloudEventPublisher.create(kafka, "template-service", mapper, new SimpleMeterRegistry(), TIMEOUT);
        subscriptionsA = new EventSubscriptions(kafka, "template-service", "it-a-" + RUN, ConsumerSettings.defaults(),
                new SimpleMeterRegistry());
        subscriptionsB = new EventSubscriptions(kafka, "template-service", "it-b-" + RUN, ConsumerSettings.defaults(),
                new SimpleMeterRegistry());
        a = replica("it-a-" + RUN, REDIS.dataSource(Infra.redisUrl()), mapper, publisherA);
        b = replica("it-b-" + RUN, REDIS.dataSource(Infra.redisUrl()), mapper, publisherB);
        assertTrue(a.changes().subscribe(subscriptionsA).awaitAssignment(TIMEOUT), "replica A got no partitions");
        assertTrue(b.changes().subscribe(subscriptionsB).awaitAssignment(TIMEOUT), "replica B got no partitions");
    }

    private static Replica replica(String instanceId, ReactiveRedisDataSource dataSource, ObjectMapper mapper,
            CloudEventPublisher publisher) {
        return new Replica(LIMITS, 10, 1_000, 1_000, Duration.ofMinutes(10), dataSource, mapper, publisher,
                instanceId, new SimpleMeterRegistry(), new StorageAccount(TemplateBeans.STORAGE_SERVICE,
                        new TenantStorage(TenantDirectory.EVERY_TENANT_ACTIVE, List.of("config", "template")), null));
    }

    @AfterAll
    static void stop() {
        subscriptionsA.close();
        subscriptionsB.close();
        publisherA.close();
        publisherB.close();
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
        return new TemplateDraft(null, "text/plain", null, Map.of("en", new LocalizedContent(null, body)), null);
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
        a.service().delete(TENANT, "welcome_email").await().atMost(TIMEOUT);
        await().atMost(WITHIN_A_SECOND).pollInterval(Duration.ofMillis(20))
                .until(() -> render(b, "welcome_email", "en").body().contains("Yo Kim!"));
        assertEquals(Source.builtin, render(b, "welcome_email", "en").source());
    }

    @Test
    void withoutTheEventTheOtherReplicaKeepsServingItsCache() {
        String name = "cached_notice";
        a.service().save(TENANT, name, draft("v1"), "it").await().atMost(TIMEOUT);
        await().atMost(WITHIN_A_SECOND).until(() -> "v1".equals(render(b, name, "en").body()));

        // a write that bypasses the change bus: B keeps its cached version, which proves B's reads are cached and
        // that the propagation above is the event's doing, not a Redis read
        TemplateVersion silent = TemplateVersion.of(name, 0, Source.tenant, draft("v2"), Instant.now(), "it", null);
        int v2 = a.catalog().store().save(TENANT, silent, null).await().atMost(TIMEOUT).version();
        assertEquals("v1", render(b, name, "en").body());

        a.changes().announce(new TemplateChange(TENANT, TemplateChange.Kind.template, name, null, v2, null))
                .await().atMost(TIMEOUT);
        await().atMost(WITHIN_A_SECOND).pollInterval(Duration.ofMillis(20))
                .until(() -> "v2".equals(render(b, name, "en").body()));
        assertEquals(v2, render(b, name, "en").version());
    }
}

package io.tenancycore.commons.wiring;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.security.ForbiddenException;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.audit.AuditLog;
import io.tenancycore.commons.cache.CacheCodec;
import io.tenancycore.commons.cache.CacheInvalidation;
import io.tenancycore.commons.cache.TieredCache;
import io.tenancycore.commons.cache.TieredCaches;
import io.tenancycore.commons.events.ChannelReadiness;
import io.tenancycore.commons.events.ConfigChangesListener;
import io.tenancycore.commons.events.EventPublisher;
import io.tenancycore.commons.events.EventTypes;
import io.tenancycore.commons.events.InstanceId;
import io.tenancycore.commons.events.TenantEvents;
import io.tenancycore.commons.events.Topics;
import io.tenancycore.commons.rbac.RbacChangeListener;
import io.tenancycore.commons.tenant.CrossTenantAccessDenied;
import io.tenancycore.commons.tenant.TenantContext;
import io.tenancycore.commons.tenantstatus.TenantStatusListener;
import io.tenancycore.commons.testsupport.Infra;
import io.tenancycore.commons.testsupport.TopicTail;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The CDI side: producers, interceptor, observers, health checks and config as a service gets them. */
@QuarkusTest
@TestProfile(InfraTestProfile.class)
class CommonsWiringIT {

    @Inject
    AuditedTestBean widgets;

    @Inject
    Event<CrossTenantAccessDenied> crossTenantEvents;

    @Inject
    TieredCaches caches;

    @Inject
    InstanceId instanceId;

    @Inject
    EventPublisher publisher;

    @Inject
    ChannelReadiness readiness;

    @Inject
    Instance<TenantContext> tenantContext;

    @Test
    void auditedUniRecordsSuccessWithTheCallerOfTheRequest() throws IOException {
        String subject = "client-" + UUID.randomUUID();
        try (TopicTail tail = new TopicTail(Topics.AUDIT)) {
            String created = inRequest(subject, "acme", () -> widgets.create("w1", false))
                    .await().atMost(Infra.TIMEOUT);
            assertEquals("w1", created);

            JsonNode record = body(tail.await(containing(subject)));
            assertEquals("widget.create", record.get("action").asText());
            assertEquals("widgets", record.get("resource").asText());
            assertEquals("success", record.get("outcome").asText());
            assertEquals("acme", record.get("tenantId").asText());
            assertEquals("192.0.2.7", record.get("sourceIp").asText());
            assertEquals("trace-" + subject, record.get("traceId").asText());
            assertEquals("AuditedTestBean#create", record.get("details").get("method").asText());
        }
    }

    @Test
    void auditedUniRecordsFailureWhenItFails() throws IOException {
        String subject = "client-" + UUID.randomUUID();
        try (TopicTail tail = new TopicTail(Topics.AUDIT)) {
            Uni<String> failing = inRequest(subject, "acme", () -> widgets.create("w2", true));
            assertThrows(IllegalStateException.class, () -> failing.await().atMost(Infra.TIMEOUT));

            JsonNode record = body(tail.await(containing(subject)));
            assertEquals("failure", record.get("outcome").asText());
            // a reason in words, never an exception class or message (which may carry data)
            assertEquals("unexpected error", record.get("details").get("reason").asText());
            assertEquals(500, record.get("details").get("status").asInt());
            assertFalse(record.toString().contains("IllegalStateException"));
        }
    }

    @Test
    void forbiddenIsDeniedAndCallsOutsideRequestsAreBySystem() throws IOException {
        String name = "w-" + UUID.randomUUID();
        try (TopicTail tail = new TopicTail(Topics.AUDIT)) {
            assertThrows(ForbiddenException.class, () -> onPlainThread(() -> {
                assertFalse(Arc.container().requestContext().isActive());
                widgets.delete(name);
                return null;
            }));

            JsonNode record = body(tail.await(r -> new String(r.value(), StandardCharsets.UTF_8)
                    .contains("widget.delete") && new String(r.value(), StandardCharsets.UTF_8).contains("system")));
            assertEquals("denied", record.get("outcome").asText());
            assertEquals("system", record.get("actor").asText());
            assertEquals("AuditedTestBean", record.get("resource").asText(), "resource defaults to the class");
        }
    }

    @Test
    void crossTenantAccessIsAuditedAsDenied() throws IOException {
        String subject = "intruder-" + UUID.randomUUID();
        try (TopicTail tail = new TopicTail(Topics.AUDIT)) {
            crossTenantEvents.fire(new CrossTenantAccessDenied(subject, "globex", "acme",
                    "/v1/tenants/acme/config", "198.51.100.4", "abc123"));

            ConsumerRecord<String, byte[]> published = tail.await(containing(subject));
            assertEquals("acme", published.key());
            assertEquals(AuditLog.EVENT_TYPE, new String(published.headers().lastHeader("ce_type").value()));
            JsonNode record = body(published);
            assertEquals("denied", record.get("outcome").asText());
            assertEquals("/v1/tenants/acme/config", record.get("resource").asText());
            assertEquals("globex", record.get("details").get("token_tenant").asText());
            assertEquals("198.51.100.4", record.get("sourceIp").asText());
        }
    }

    @Test
    void readinessReportsKafkaAndRedis() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("UP"))
                .body("checks.name", hasItem(org.hamcrest.Matchers.containsString("Reactive Messaging")))
                .body("checks.find { it.name.contains('Reactive Messaging') }.status",
                        org.hamcrest.Matchers.equalTo("UP"))
                .body("checks.name", hasItem(org.hamcrest.Matchers.containsStringIgnoringCase("redis")));
    }

    @Test
    void namedCachesComeFromConfigAndWork() {
        TieredCache<String> cache = caches.cache("wiring", CacheCodec.utf8());
        assertEquals(5, cache.settings().l1MaxSize());
        assertEquals(Duration.ofMinutes(7), cache.settings().ttl(), "TTL from core.yaml cache.default_ttl");
        assertEquals(Topics.CONFIG_CHANGES, cache.settings().invalidationTopic());
        assertTrue(cache == caches.cache("wiring", CacheCodec.utf8()), "one instance per name");

        String key = "wiring-it:{" + UUID.randomUUID().toString().substring(0, 8) + "}:value";
        try {
            cache.put(key, "stored").await().atMost(Infra.TIMEOUT);
            cache.invalidateLocal(key);
            assertEquals("stored", cache.getIfPresent(key).await().atMost(Infra.TIMEOUT));
        } finally {
            cache.invalidate(key).await().atMost(Infra.TIMEOUT);
        }
    }

    @Test
    void anotherReplicasInvalidationOverKafkaDropsTheL1Entry() throws Exception {
        assertTrue(readiness.awaitAssignment(ConfigChangesListener.CHANNEL, Infra.TIMEOUT));
        TieredCache<String> cache = caches.cache("wiring", CacheCodec.utf8());
        String tenant = UUID.randomUUID().toString().substring(0, 8);
        String key = "wiring-it:{" + tenant + "}:remote";
        try (TopicTail tail = new TopicTail(Topics.CONFIG_CHANGES)) {
            cache.put(key, "mine").await().atMost(Infra.TIMEOUT);
            var announced = tail.await(r -> new String(r.value(), StandardCharsets.UTF_8).contains(key));
            assertEquals(EventTypes.CACHE_INVALIDATED, new String(announced.headers().lastHeader("ce_type").value(),
                    StandardCharsets.UTF_8), "this replica announces its own writes");
        }
        assertTrue(cache.cachedLocally(key), "this replica keeps its own write in L1");

        publisher.publish(Topics.CONFIG_CHANGES, tenant, EventTypes.CACHE_INVALIDATED, key,
                new CacheInvalidation("wiring", key, "another-replica")).await().atMost(Infra.TIMEOUT);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> !cache.cachedLocally(key));
        cache.invalidate(key).await().atMost(Infra.TIMEOUT);
    }

    @Test
    void consumerLagOfTheChannelsIsAMetric() throws Exception {
        assertTrue(readiness.awaitAssignment(ConfigChangesListener.CHANNEL, Infra.TIMEOUT));
        // the Micrometer Kafka binder follows every client the connector creates
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given()
                .when().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("kafka_consumer_fetch_manager_records_lag_max"))
                .body(org.hamcrest.Matchers.containsString("client_id=\"kafka-consumer-config-changes\"")));
    }

    @Test
    void commonsConsumersAcknowledgeEventsTheirFeatureDoesNotUse() throws Exception {
        // tenant statuses come from no registry and RBAC is the configured one here: the events are read and skipped
        assertTrue(readiness.awaitAssignment(TenantStatusListener.CHANNEL, Infra.TIMEOUT));
        assertTrue(readiness.awaitAssignment(RbacChangeListener.CHANNEL, Infra.TIMEOUT));
        String tenant = "t" + UUID.randomUUID().toString().substring(0, 8);
        publisher.publish(Topics.TENANTS, tenant, TenantEvents.SUSPENDED, null, Map.of()).await()
                .atMost(Infra.TIMEOUT);
        publisher.publish(Topics.SECURITY_CHANGES, tenant, EventTypes.ROLES_CHANGED, tenant, Map.of()).await()
                .atMost(Infra.TIMEOUT);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertTrue(Infra.committedUpToEnd("commons-wiring-it-wiring-it.tenant-status", Topics.TENANTS));
            assertTrue(Infra.committedUpToEnd("commons-wiring-it-wiring-it.rbac-grants-invalidation",
                    Topics.SECURITY_CHANGES));
        });
        given().when().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void instanceIdIsInjectable() {
        assertEquals("wiring-it", instanceId.value());
    }

    /**
     * Runs the call as a request of {@code subject} on {@code tenant} would, then ends the request — on a thread of its
     * own, since the test method already runs inside a request context.
     */
    private <T> T inRequest(String subject, String tenant, Supplier<T> call) {
        return onPlainThread(() -> {
            ManagedContext requestContext = Arc.container().requestContext();
            requestContext.activate();
            try {
                TenantContext context = tenantContext.get();
                context.setSubject(subject);
                context.setTenantId(tenant);
                context.setTokenTenantId(tenant);
                context.setRoles(Set.of("tenant-admin"));
                context.setSourceIp("192.0.2.7");
                context.setTraceId("trace-" + subject);
                return call.get();
            } finally {
                requestContext.terminate();
            }
        });
    }

    private static <T> T onPlainThread(Supplier<T> call) {
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            return thread.submit(call::get).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            thread.shutdownNow();
        }
    }

    private static java.util.function.Predicate<ConsumerRecord<String, byte[]>> containing(String text) {
        return record -> new String(record.value(), StandardCharsets.UTF_8).contains(text);
    }

    private static JsonNode body(ConsumerRecord<String, byte[]> record) throws IOException {
        return Infra.mapper().readTree(record.value());
    }
}

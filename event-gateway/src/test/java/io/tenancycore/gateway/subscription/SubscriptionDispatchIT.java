package io.tenancycore.gateway.subscription;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tenancycore.commons.events.Topics;
import io.tenancycore.commons.testing.TestTokens;
import io.tenancycore.commons.testsupport.TopicTail;
import io.tenancycore.gateway.publish.EventIntake;
import io.tenancycore.gateway.testing.GatewayProfile;
import io.tenancycore.gateway.testing.WebhookSink;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Subscriptions over the API, events published over the API, delivered by the dispatcher through the real broker. */
@QuarkusTest
@TestProfile(GatewayProfile.class)
class SubscriptionDispatchIT {

    @TestHTTPResource(value = "metrics", management = true)
    URL metrics;

    private static WebhookSink sink;

    @BeforeAll
    static void startSink() {
        sink = new WebhookSink();
    }

    @AfterAll
    static void stopSink() {
        sink.close();
    }

    private static String tenant() {
        return "acme" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static String subscribe(String tenant, String body) {
        return given().auth().oauth2(TestTokens.tenantAdmin(tenant)).contentType("application/json").body(body)
                .post("/api/events/v1/tenants/" + tenant + "/subscriptions")
                .then().statusCode(201).extract().path("id");
    }

    private static void publish(String tenant, String id, String type) {
        given().auth().oauth2(TestTokens.tenantUser(tenant)).contentType(EventIntake.STRUCTURED)
                .body("{\"specversion\":\"1.0\",\"id\":\"%s\",\"source\":\"/it\",\"type\":\"%s\",\"priority\":\"high\",\"data\":{\"n\":1}}"
                        .formatted(id, type))
                .post("/api/events/v1/tenants/" + tenant + "/events")
                .then().statusCode(202);
    }

    @Test
    void aBacklogOfLowEventsDelaysNoHighOneAndIsStillServed() {
        String tenant = tenant();
        subscribe(tenant, "{\"sink\":\"" + sink.url("/slow") + "\",\"filters\":[{\"prefix\":{\"type\":\"backlog.\"}}]}");
        int backlog = 40;
        List<String> lowIds = new java.util.ArrayList<>();
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < backlog; i++) {
            String id = UUID.randomUUID().toString();
            lowIds.add(id);
            batch.append(i == 0 ? "" : ",").append("{\"specversion\":\"1.0\",\"id\":\"%s\",\"source\":\"/it\","
                    .formatted(id)).append("\"type\":\"backlog.low\",\"priority\":\"low\"}");
        }
        given().auth().oauth2(TestTokens.tenantUser(tenant)).contentType(EventIntake.BATCH)
                .body(batch.append("]").toString())
                .post("/api/events/v1/tenants/" + tenant + "/events").then().statusCode(202);
        // the low consumer is working through the backlog (one slow delivery after another) when the high one comes
        await().atMost(Duration.ofSeconds(60)).until(() -> !sink.withEventId(lowIds.get(0)).isEmpty());
        String high = UUID.randomUUID().toString();
        publish(tenant, high, "backlog.high");

        await().atMost(Duration.ofSeconds(60)).until(() -> !sink.withEventId(high).isEmpty());
        long lowServedBeforeHigh = lowIds.stream().filter(id -> !sink.withEventId(id).isEmpty()).count();
        assertTrue(lowServedBeforeHigh < backlog, "the high event waited for the whole low backlog");
        // and low is not starved: the whole backlog arrives, in order
        await().atMost(Duration.ofSeconds(60)).until(() -> lowIds.stream().allMatch(id -> !sink.withEventId(id)
                .isEmpty()));
        List<Long> arrivals = lowIds.stream().map(id -> sink.withEventId(id).get(0).atNanos()).toList();
        assertEquals(arrivals.stream().sorted().toList(), arrivals);
    }

    @Test
    void subscriptionsAreCreatedListedReadAndDeleted() {
        String tenant = tenant();
        String id = given().auth().oauth2(TestTokens.tenantAdmin(tenant)).contentType("application/json")
                .body("{\"sink\":\"" + sink.url("/ok") + "\",\"filters\":[{\"exact\":{\"type\":\"x\"}}],"
                        + "\"delivery\":{\"retry\":2,\"backoff_policy\":\"linear\",\"backoff_delay\":\"PT0.2S\"}}")
                .post("/api/events/v1/tenants/" + tenant + "/subscriptions")
                .then().statusCode(201)
                .header("Location", matchesPattern(".*/api/events/v1/tenants/" + tenant + "/subscriptions/.+"))
                .body("delivery.retry", equalTo(2))
                .body("delivery.backoff_policy", equalTo("linear"))
                .body("delivery.backoff_delay", equalTo("PT0.2S"))
                .body("delivery.timeout", equalTo("PT10S"))
                .extract().path("id");
        given().auth().oauth2(TestTokens.tenantUser(tenant)).get("/api/events/v1/tenants/" + tenant + "/subscriptions")
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].id", equalTo(id))
                .body("next_cursor", equalTo(null));
        given().auth().oauth2(TestTokens.tenantUser(tenant))
                .get("/api/events/v1/tenants/" + tenant + "/subscriptions/" + id)
                .then().statusCode(200).body("sink", equalTo(sink.url("/ok")));
        given().auth().oauth2(TestTokens.tenantAdmin(tenant))
                .delete("/api/events/v1/tenants/" + tenant + "/subscriptions/" + id).then().statusCode(204);
        given().auth().oauth2(TestTokens.tenantUser(tenant))
                .get("/api/events/v1/tenants/" + tenant + "/subscriptions/" + id).then().statusCode(404);
    }

    @Test
    void aBrokenSubscriptionIs422ListingEveryViolation() {
        String tenant = tenant();
        given().auth().oauth2(TestTokens.tenantAdmin(tenant)).contentType("application/json")
                .body("{\"sink\":\"ftp://x\",\"filters\":[{\"regex\":{\"type\":\".*\"}}],\"delivery\":{\"retry\":99}}")
                .post("/api/events/v1/tenants/" + tenant + "/subscriptions")
                .then().statusCode(422)
                .body("violations.field", hasItems("sink", "filters[0]", "delivery.retry"));
    }

    @Test
    void matchingEventsReachTheSinkInBinaryModeAndOthersDoNot() {
        String tenant = tenant();
        subscribe(tenant, "{\"sink\":\"" + sink.url("/ok") + "\",\"filters\":[{\"prefix\":{\"type\":\"io.acme.\"}}]}");
        String matching = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();
        publish(tenant, other, "io.other.thing");
        publish(tenant, matching, "io.acme.thing");
        await().atMost(Duration.ofSeconds(60)).until(() -> !sink.withEventId(matching).isEmpty());
        WebhookSink.Received delivered = sink.withEventId(matching).get(0);
        assertEquals("io.acme.thing", delivered.header("ce-type"));
        assertEquals("/it", delivered.header("ce-source"));
        assertEquals(tenant, delivered.header("ce-tenantid"));
        assertEquals("high", delivered.header("ce-priority"));
        assertEquals("{\"n\":1}", delivered.body().replace(" ", ""));
        // published earlier on the same partition: had it matched, it would have arrived first
        assertTrue(sink.withEventId(other).isEmpty());
        String exposition = given().get(metrics).then().statusCode(200).extract().asString();
        assertTrue(exposition.lines().anyMatch(line -> line.startsWith("tenant_events_deliveries_total{")
                && line.contains("outcome=\"delivered\"") && line.contains("tenant=\"" + tenant + "\"")
                && line.contains("type=\"io.acme.thing\"")), "no delivered count of the tenant and type");
        assertTrue(exposition.lines().anyMatch(line -> line.startsWith("tenant_events_delivery_latency_seconds_count{")
                && line.contains("tenant=\"" + tenant + "\"")), "no delivery latency of the tenant");
        assertTrue(exposition.lines().anyMatch(line -> line.startsWith("tenant_events_published_total{")
                && line.contains("tenant=\"" + tenant + "\"") && line.contains("type=\"io.other.thing\"")),
                "no published count of the tenant and type");
    }

    @Test
    void anEventPublishedTwiceWithTheSameSourceAndIdIsDeliveredOnce() {
        String tenant = tenant();
        subscribe(tenant, "{\"sink\":\"" + sink.url("/ok") + "\"}");
        String twice = UUID.randomUUID().toString();
        String after = UUID.randomUUID().toString();
        publish(tenant, twice, "io.acme.twice");
        publish(tenant, twice, "io.acme.twice");
        publish(tenant, after, "io.acme.after");
        // one partition per tenant and priority: once the last event arrived, the duplicate was handled before it
        await().atMost(Duration.ofSeconds(60)).until(() -> !sink.withEventId(after).isEmpty());
        assertEquals(1, sink.withEventId(twice).size(), "CloudEvents with the same source and id are one event");
    }

    @Test
    void aFailingSinkIsRetriedWithBackoffThenTheEventIsDeadLettered() {
        String tenant = tenant();
        String subscription = subscribe(tenant, "{\"sink\":\"" + sink.url("/down") + "\",\"delivery\":{\"retry\":2,"
                + "\"backoff_policy\":\"linear\",\"backoff_delay\":\"PT0.2S\"}}");
        String id = UUID.randomUUID().toString();
        try (TopicTail dlq = new TopicTail(Topics.EVENTS_DLQ)) {
            publish(tenant, id, "io.acme.failing");
            ConsumerRecord<String, byte[]> record = dlq.await(r -> id.equals(header(r, "ce_id")));
            assertEquals(tenant, record.key());
            CloudEvent dead = read(record);
            assertEquals("sink answered 500", dead.getExtension("deadletterreason"));
            assertEquals(subscription, dead.getExtension("subscriptionid"));
            assertEquals("3", String.valueOf(dead.getExtension("deliveryattempts")));
            assertEquals("io.acme.failing", dead.getType());
        }
        List<WebhookSink.Received> attempts = sink.withEventId(id);
        assertEquals(3, attempts.size());
        // linear backoff of 0.2 s: 0.2 s before the first retry, 0.4 s before the second
        assertTrue(attempts.get(1).atNanos() - attempts.get(0).atNanos() >= 190_000_000L);
        assertTrue(attempts.get(2).atNanos() - attempts.get(1).atNanos() >= 390_000_000L);
    }

    @Test
    void aDeadLetterIsListedInspectedAndReplayedOnceTheSinkRecovers() {
        String tenant = tenant();
        String subscription = subscribe(tenant, "{\"sink\":\"" + sink.url("/flaky") + "\",\"delivery\":{\"retry\":1,"
                + "\"backoff_delay\":\"PT0.1S\"}}");
        String id = UUID.randomUUID().toString();
        publish(tenant, id, "io.acme.flaky");
        String deadLetters = "/api/events/v1/tenants/" + tenant + "/dead-letters";
        await().atMost(Duration.ofSeconds(60)).until(() -> given().auth().oauth2(TestTokens.tenantUser(tenant))
                .get(deadLetters).then().statusCode(200).extract().jsonPath().getList("items").size() == 1);
        String letter = subscription + ":" + id;
        given().auth().oauth2(TestTokens.tenantUser(tenant)).get(deadLetters + "/" + letter)
                .then().statusCode(200)
                .body("reason", equalTo("sink answered 503"))
                .body("attempts", equalTo(2))
                .body("subscription_id", equalTo(subscription))
                .body("event.id", equalTo(id))
                .body("event.tenantid", equalTo(tenant));

        sink.recover();
        given().auth().oauth2(TestTokens.tenantAdmin(tenant)).post(deadLetters + "/" + letter + "/replay")
                .then().statusCode(202).body("subscription_id", equalTo(subscription));
        await().atMost(Duration.ofSeconds(20)).until(() -> sink.withEventId(id).stream()
                .anyMatch(received -> received.status() == 202));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().auth().oauth2(TestTokens.tenantUser(tenant))
                .get(deadLetters + "/" + letter).then().statusCode(404));
        assertEquals(3, sink.withEventId(id).size(), "two failed attempts, then the replay");
    }

    @Test
    void subscribingAndUnsubscribingAreAuditedUnderTheTenant() {
        String tenant = tenant();
        try (TopicTail audit = new TopicTail(Topics.AUDIT)) {
            String subscription = subscribe(tenant, "{\"sink\":\"" + sink.url("/audited") + "\"}");
            given().auth().oauth2(TestTokens.tenantAdmin(tenant))
                    .delete("/api/events/v1/tenants/" + tenant + "/subscriptions/" + subscription)
                    .then().statusCode(204);
            for (String action : List.of("subscription.create", "subscription.delete")) {
                String record = new String(audit.await(r -> tenant.equals(r.key())
                        && new String(r.value(), StandardCharsets.UTF_8).contains("\"action\":\"" + action + "\""))
                        .value(), StandardCharsets.UTF_8);
                assertTrue(record.contains("\"outcome\":\"success\""), record);
            }
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static CloudEvent read(ConsumerRecord<String, byte[]> record) {
        try (CloudEventDeserializer deserializer = new CloudEventDeserializer()) {
            deserializer.configure(Map.of(), false);
            return deserializer.deserialize(record.topic(), record.headers(), record.value());
        }
    }
}

package io.tenancycore.security.audit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.tenancycore.commons.audit.AuditLog;
import io.tenancycore.commons.audit.AuditRecord.Outcome;
import io.tenancycore.commons.audit.AuditRecord;
import io.tenancycore.commons.events.CloudEvents;
import io.tenancycore.commons.events.Topics;
import io.tenancycore.security.store.RedisKeys;
import io.tenancycore.commons.testsupport.Infra;
import io.tenancycore.commons.testsupport.RealBroker;
import io.tenancycore.security.support.TestTokens;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Audit records travel through the real Kafka into the tenant's keyed chain; search, paging and tampering. */
@QuarkusTest
@TestProfile(RealBroker.class)
class AuditChainIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    ObjectMapper mapper;
    @Inject
    AuditChainStore store;
    @Inject
    AuditTrail trail;
    @Inject
    ReactiveRedisDataSource redis;

    private CloudEvent publish(String tenant, AuditRecord record) throws Exception {
        CloudEvent event = CloudEventBuilder.v1().withId(UUID.randomUUID().toString())
                .withSource(URI.create("/tenancy/audit-chain-it")).withType(AuditLog.EVENT_TYPE).withSubject("test")
                .withExtension(CloudEvents.TENANT_EXTENSION, tenant)
                .withData(CloudEvents.JSON, mapper.writeValueAsBytes(record)).build();
        Infra.send(Topics.AUDIT, tenant, event);
        return event;
    }

    private static AuditRecord record(String actor, String tenant, String action, Outcome outcome,
            Map<String, Object> details) {
        return new AuditRecord(actor, tenant, action, "config/db.pool", outcome, "10.0.0.1", null, Instant.now(),
                details);
    }

    @Test
    void recordsFromKafkaAreChainedOnceAndAnEditIsDetected() throws Exception {
        String tenant = TestTokens.uniqueTenant("aud");
        String auditor = TestTokens.tenantToken(tenant, List.of("auditor"));
        CloudEvent first = null;
        for (int i = 0; i < 3; i++) {
            CloudEvent event = publish(tenant, record("alice", tenant, "config.update",
                    i == 2 ? Outcome.DENIED : Outcome.SUCCESS, Map.of("n", i)));
            first = first == null ? event : first;
        }
        // redelivery of the same event id
        Infra.send(Topics.AUDIT, tenant, first);

        // the client creation of TestTokens was audited by security-service itself, through Kafka as well
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(auditor)
                .get("/v1/tenants/" + tenant + "/audit?actor=alice").then().statusCode(200)
                .body("items.size()", equalTo(3)));
        given().auth().oauth2(auditor).get("/v1/tenants/" + tenant + "/audit?actor=alice&outcome=denied")
                .then().statusCode(200).body("items.size()", equalTo(1)).body("items[0].details.n", equalTo(2));
        given().auth().oauth2(auditor).get("/v1/tenants/" + tenant + "/audit?actor=alice&limit=2")
                .then().statusCode(200).body("items.size()", equalTo(2)).body("next_cursor", notNullValue());
        JsonPath verified = given().auth().oauth2(auditor).get("/v1/tenants/" + tenant + "/audit/verify")
                .then().statusCode(200).body("valid", equalTo(true)).extract().jsonPath();
        assertEquals(verified.getLong("entries"), verified.getLong("checkpoint.seq"));
        assertEquals(verified.getString("head_hash"), verified.getString("checkpoint.link"));

        long length = store.length(tenant).await().atMost(WAIT);
        AuditEntry victim = store.range(tenant, length - 1, length - 1).await().atMost(WAIT).get(0);
        AuditEntry edited = new AuditEntry(victim.seq(), victim.eventId(), victim.time(), "mallory", victim.tenantId(),
                victim.action(), victim.resource(), victim.outcome(), victim.reason(), victim.sourceIp(),
                victim.traceId(), victim.details(), victim.truncated(), victim.keyId(), victim.prevHash(),
                victim.hash());
        store.overwrite(tenant, edited).await().atMost(WAIT);

        int broken = given().auth().oauth2(auditor).get("/v1/tenants/" + tenant + "/audit/verify")
                .then().statusCode(200).body("valid", equalTo(false))
                .extract().path("first_broken_seq");
        assertEquals(victim.seq(), broken);
        given().auth().oauth2(auditor).get("/v1/tenants/" + tenant + "/audit?from=yesterday").then().statusCode(400);
        given().auth().oauth2(auditor).post("/v1/tenants/" + tenant + "/keys/x/rotate").then().statusCode(403);
    }

    @Test
    void searchMatchesActionPrefixesAndPagesWithACursor() throws Exception {
        String tenant = TestTokens.uniqueTenant("audsearch");
        String auditor = TestTokens.tenantToken(tenant, List.of("auditor"));
        for (String action : List.of("config.update", "config.delete", "configx.read", "templates.write",
                "config.update")) {
            publish(tenant, record("bob", tenant, action, Outcome.SUCCESS, Map.of()));
        }
        String base = "/v1/tenants/" + tenant + "/audit";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(auditor)
                .get(base + "?actor=bob").then().statusCode(200).body("items.size()", equalTo(5)));

        given().auth().oauth2(auditor).get(base + "?actor=bob&action=config.").then().statusCode(200)
                .body("items.action", contains("config.update", "config.delete", "config.update"));
        given().auth().oauth2(auditor).get(base + "?actor=bob&action=config").then().statusCode(200)
                .body("items.size()", equalTo(3)).body("items.action", not(hasItem("configx.read")));
        given().auth().oauth2(auditor).get(base + "?actor=bob&action=config.update").then().statusCode(200)
                .body("items.size()", equalTo(2)).body("items.action", everyItem(equalTo("config.update")));
        given().auth().oauth2(auditor).get(base + "?actor=bob&action=conf*").then().statusCode(200)
                .body("items.size()", equalTo(4));

        // every page of two, followed by its cursor, gives each entry exactly once, in order
        List<Integer> seqs = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonPath page = given().auth().oauth2(auditor)
                    .get(base + "?actor=bob&limit=2" + (cursor == null ? "" : "&cursor=" + cursor))
                    .then().statusCode(200).extract().jsonPath();
            seqs.addAll(page.getList("items.seq", Integer.class));
            cursor = page.getString("next_cursor");
            pages++;
        } while (cursor != null && pages < 10);
        assertEquals(5, seqs.size());
        assertEquals(seqs.stream().sorted().distinct().toList(), seqs);
        assertEquals(3, pages);

        given().auth().oauth2(auditor).get(base).then().statusCode(200).body("items", notNullValue())
                .body("items.size()", org.hamcrest.Matchers.lessThanOrEqualTo(50));
        given().auth().oauth2(auditor).get(base + "?limit=501").then().statusCode(400);
        given().auth().oauth2(auditor).get(base + "?limit=0").then().statusCode(400);
        given().auth().oauth2(auditor).get(base + "?cursor=abc").then().statusCode(400);
        given().auth().oauth2(auditor).get(base + "/verify?anchor_seq=1").then().statusCode(400);
    }

    @Test
    void failuresCarryAReasonAndOversizedOrInvalidFieldsAreBounded() throws Exception {
        String tenant = TestTokens.uniqueTenant("audbound");
        String auditor = TestTokens.tenantToken(tenant, List.of("auditor"));
        publish(tenant, record("carol", tenant, "config.update", Outcome.FAILURE,
                Map.of("reason", "schema rejected db.pool: must be at most 100")));
        publish(tenant, record("carol", tenant, "keys.rotate", Outcome.DENIED,
                Map.of("error", "io.quarkus.security.ForbiddenException")));
        publish(tenant, record("carol", tenant, "config.update", Outcome.FAILURE,
                Map.of("error", "java.lang.IllegalStateException")));
        String longActor = "x".repeat(5000);
        publish(tenant, record(longActor, tenant, "config.update", Outcome.SUCCESS,
                Map.of("blob", "y".repeat(5000))));
        String base = "/v1/tenants/" + tenant + "/audit";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(auditor)
                .get(base + "?action=config.update&outcome=success").then().statusCode(200)
                .body("items.size()", equalTo(1)));

        given().auth().oauth2(auditor).get(base + "?actor=carol").then().statusCode(200)
                .body("items.reason", contains("schema rejected db.pool: must be at most 100",
                        "forbidden: the caller lacks the permission", "failed (the producer sent no reason)"))
                .body("items.reason", everyItem(not(startsWith("java."))));
        JsonPath oversized = given().auth().oauth2(auditor).get(base + "?action=config.update&outcome=success")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(AuditRecordBounds.MAX_ACTOR, oversized.getString("items[0].actor").length());
        assertEquals(AuditRecordBounds.MAX_DETAIL_TEXT, oversized.getString("items[0].details.blob").length());
        assertEquals(List.of("actor", "details"), oversized.getList("items[0].truncated"));
        given().auth().oauth2(auditor).get(base + "/verify").then().statusCode(200).body("valid", equalTo(true))
                .body("reason", nullValue());

        // a record naming no valid tenant never becomes part of a Redis key: it goes to the platform's chain
        String hostile = "Evil}" + tenant + ":{x";
        CloudEvent event = publish(hostile, record("dave", hostile, "config.update", Outcome.SUCCESS, Map.of()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertTrue(store.ids(RedisKeys.PLATFORM)
                .await().atMost(WAIT).containsKey(event.getId())));
        List<String> keys = redis.key().keys("*Evil*").await().atMost(WAIT);
        assertEquals(List.of(), keys);
    }

    @Test
    void deletingTheLastEntriesIsReportedAsTruncation() throws Exception {
        String tenant = TestTokens.uniqueTenant("audtrunc");
        String auditor = TestTokens.tenantToken(tenant, List.of("auditor"));
        for (int i = 0; i < 4; i++) {
            publish(tenant, record("erin", tenant, "config.update", Outcome.SUCCESS, Map.of("n", i)));
        }
        String base = "/v1/tenants/" + tenant + "/audit";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(auditor)
                .get(base + "?actor=erin").then().statusCode(200).body("items.size()", equalTo(4)));
        long length = store.length(tenant).await().atMost(WAIT);

        AuditEntry newLast = store.at(tenant, length - 2).await().atMost(WAIT);
        redis.list(String.class).ltrim(AuditChainStore.chainKey(tenant), 0, length - 3).await().atMost(WAIT);
        redis.hash(String.class).hset(AuditChainStore.headKey(tenant), Map.of("seq", Long.toString(length - 2),
                "hash", newLast.hash())).await().atMost(WAIT);

        given().auth().oauth2(auditor).get(base + "/verify").then().statusCode(200)
                .body("valid", equalTo(false))
                .body("reason", equalTo("truncated: chain ends at seq " + (length - 2) + ", checkpoint says "
                        + length));
    }
}

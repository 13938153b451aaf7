package io.tenancycore.gateway.publish;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tenancycore.commons.events.Topics;
import io.tenancycore.commons.testing.TestTokens;
import io.tenancycore.commons.testsupport.TopicTail;
import io.tenancycore.gateway.testing.GatewayProfile;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Events published over HTTP, read back from the real broker with the CloudEvents SDK's Kafka deserializer. */
@QuarkusTest
@TestProfile(GatewayProfile.class)
class EventPublishIT {

    private static final String PROBLEM_JSON = "application/problem+json";
    private final ObjectMapper mapper = new ObjectMapper();

    private static String tenant() {
        return "acme" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static CloudEvent read(ConsumerRecord<String, byte[]> record) {
        try (CloudEventDeserializer deserializer = new CloudEventDeserializer()) {
            deserializer.configure(Map.of(), false);
            return deserializer.deserialize(record.topic(), record.headers(), record.value());
        }
    }

    private static boolean hasId(ConsumerRecord<String, byte[]> record, String id) {
        var header = record.headers().lastHeader("ce_id");
        return header != null && id.equals(new String(header.value(), StandardCharsets.UTF_8));
    }

    @Test
    void aBinaryModeEventArrivesWithEveryAttribute() throws Exception {
        String tenant = tenant();
        String id = UUID.randomUUID().toString();
        try (TopicTail high = new TopicTail(Topics.EVENTS_HIGH)) {
            given().auth().oauth2(TestTokens.tenantUser(tenant))
                    .header("ce-specversion", "1.0").header("ce-id", id).header("ce-source", "/crm/accounts")
                    .header("ce-type", "tenant.created").header("ce-subject", "accounts/42")
                    .header("ce-time", "2026-12-01T07:00:00.123456Z")
                    .header("ce-dataschema", "https://schemas.example/tenant.json")
                    .header("ce-priority", "high").header("ce-region", "eu1")
                    .contentType("application/json").body("{\"name\":\"Tenant Test\",\"plan\":\"premium\"}")
                    .post("/api/events/v1/tenants/" + tenant + "/events")
                    .then().statusCode(202).body("ids", contains(id));

            ConsumerRecord<String, byte[]> record = high.await(r -> hasId(r, id));
            assertEquals(tenant, record.key());
            CloudEvent event = read(record);
            assertEquals("1.0", event.getSpecVersion().toString());
            assertEquals("/crm/accounts", event.getSource().toString());
            assertEquals("tenant.created", event.getType());
            assertEquals("accounts/42", event.getSubject());
            assertEquals(OffsetDateTime.parse("2026-12-01T07:00:00.123456Z").toInstant(),
                    event.getTime().toInstant());
            assertEquals("https://schemas.example/tenant.json", event.getDataSchema().toString());
            assertEquals("application/json", event.getDataContentType());
            assertEquals("high", event.getExtension("priority"));
            assertEquals("eu1", event.getExtension("region"));
            assertEquals(tenant, event.getExtension("tenantid"));
            assertEquals(mapper.readTree("{\"name\":\"Tenant Test\",\"plan\":\"premium\"}"),
                    mapper.readTree(event.getData().toBytes()));
        }
    }

    @Test
    void aStructuredEventWithoutPriorityGoesToNormalAndTheTenantIsForced() throws Exception {
        String tenant = tenant();
        String id = UUID.randomUUID().toString();
        try (TopicTail normal = new TopicTail(Topics.EVENTS_NORMAL)) {
            given().auth().oauth2(TestTokens.tenantUser(tenant)).contentType(EventIntake.STRUCTURED).body("""
                    {"specversion":"1.0","id":"%s","source":"/seed","type":"tenant.created","tenantid":"globex",
                     "datacontenttype":"application/json","data":{"name":"Tenant Test","plan":"premium"}}
                    """.formatted(id))
                    .post("/api/events/v1/tenants/" + tenant + "/events")
                    .then().statusCode(202).body("ids", contains(id));
            CloudEvent event = read(normal.await(r -> hasId(r, id)));
            assertEquals(tenant, event.getExtension("tenantid"));
            assertEquals("/seed", event.getSource().toString());
            assertEquals(mapper.readTree("{\"name\":\"Tenant Test\",\"plan\":\"premium\"}"),
                    mapper.readTree(event.getData().toBytes()));
        }
    }

    @Test
    void aBatchIsSplitByPriorityAndAnsweredWithItsIdsInOrder() {
        String tenant = tenant();
        String low = UUID.randomUUID().toString();
        String normal = UUID.randomUUID().toString();
        String high = UUID.randomUUID().toString();
        try (TopicTail lowTopic = new TopicTail(Topics.EVENTS_LOW);
                TopicTail normalTopic = new TopicTail(Topics.EVENTS_NORMAL);
                TopicTail highTopic = new TopicTail(Topics.EVENTS_HIGH)) {
            given().auth().oauth2(TestTokens.tenantUser(tenant)).contentType(EventIntake.BATCH).body("""
                    [{"specversion":"1.0","id":"%s","source":"/b","type":"t","priority":"low"},
                     {"specversion":"1.0","id":"%s","source":"/b","type":"t","priority":"normal"},
                     {"specversion":"1.0","id":"%s","source":"/b","type":"t","priority":"high"}]
                    """.formatted(low, normal, high))
                    .post("/api/events/v1/tenants/" + tenant + "/events")
                    .then().statusCode(202).body("ids", contains(low, normal, high));
            assertEquals(tenant, lowTopic.await(r -> hasId(r, low)).key());
            assertEquals(tenant, normalTopic.await(r -> hasId(r, normal)).key());
            assertEquals(tenant, highTopic.await(r -> hasId(r, high)).key());
        }
    }

    @Test
    void anInvalidBatchIs422ListingEveryViolationAndPublishesNothing() {
        String tenant = tenant();
        String valid = UUID.randomUUID().toString();
        try (TopicTail normal = new TopicTail(Topics.EVENTS_NORMAL)) {
            given().auth().oauth2(TestTokens.tenantUser(tenant)).contentType(EventIntake.BATCH).body("""
                    [{"specversion":"1.0","id":"%s","source":"/b","type":"t"},
                     {"specversion":"1.0","source":"/b"},
                     {"specversion":"1.0","id":"x","source":"/b","type":"t","kafkatopic":"tenancy.audit"}]
                    """.formatted(valid))
                    .post("/api/events/v1/tenants/" + tenant + "/events")
                    .then().statusCode(422)
                    .contentType(PROBLEM_JSON)
                    .body("type", equalTo("urn:tenancycore:problem:gateway:invalid-event"))
                    .body("violations.field", hasItems("[1].id", "[1].type", "[2].kafkatopic"));
            normal.assertNone(r -> hasId(r, valid), Duration.ofSeconds(2));
        }
    }

    @Test
    void aPlainJsonBodyIs415() {
        String tenant = tenant();
        given().auth().oauth2(TestTokens.tenantUser(tenant)).contentType("application/json").body("{}")
                .post("/api/events/v1/tenants/" + tenant + "/events")
                .then().statusCode(415).contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:tenancycore:problem:gateway:unsupported-event-format"));
    }

    @Test
    void publishingNeedsATokenOfTheTenant() {
        String tenant = tenant();
        given().contentType(EventIntake.STRUCTURED).body("{}")
                .post("/api/events/v1/tenants/" + tenant + "/events")
                .then().statusCode(401).header("WWW-Authenticate", "Bearer");
        given().auth().oauth2(TestTokens.tenantUser(tenant())).contentType(EventIntake.STRUCTURED).body("{}")
                .post("/api/events/v1/tenants/" + tenant + "/events")
                .then().statusCode(403).body("type", equalTo("urn:tenancycore:problem:gateway:cross-tenant-access"));
    }

    @Test
    void aSuspendedTenantCannotPublish() {
        String frozen = "frozen" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        given().auth().oauth2(TestTokens.tenantUser(frozen)).contentType(EventIntake.STRUCTURED)
                .body("{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\"}")
                .post("/api/events/v1/tenants/" + frozen + "/events")
                .then().statusCode(403).body("type", equalTo("urn:tenancycore:problem:gateway:tenant-suspended"));
    }

    @Test
    void anOversizedPublishIs413() {
        String tenant = tenant();
        given().auth().oauth2(TestTokens.tenantUser(tenant)).contentType(EventIntake.BATCH)
                .body(new byte[65 * 1024])
                .post("/api/events/v1/tenants/" + tenant + "/events")
                .then().statusCode(413).contentType(PROBLEM_JSON);
    }

    @Test
    void publishingCountsAgainstTheQuota() {
        String tiny = "tiny" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        String event = "{\"specversion\":\"1.0\",\"id\":\"%s\",\"source\":\"/s\",\"type\":\"t\"}";
        for (int i = 0; i < io.tenancycore.gateway.testing.FakeServices.TINY_QUOTA; i++) {
            given().auth().oauth2(TestTokens.tenantUser(tiny)).contentType(EventIntake.STRUCTURED)
                    .body(event.formatted(UUID.randomUUID())).post("/api/events/v1/tenants/" + tiny + "/events")
                    .then().statusCode(202).header("RateLimit-Limit", "3");
        }
        given().auth().oauth2(TestTokens.tenantUser(tiny)).contentType(EventIntake.STRUCTURED)
                .body(event.formatted(UUID.randomUUID())).post("/api/events/v1/tenants/" + tiny + "/events")
                .then().statusCode(429).header("Retry-After", org.hamcrest.Matchers.notNullValue())
                .header("RateLimit-Remaining", "0");
    }
}

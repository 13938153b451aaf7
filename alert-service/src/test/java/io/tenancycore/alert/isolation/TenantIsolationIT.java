package io.tenancycore.alert.isolation;

import static io.restassured.RestAssured.given;
import static io.tenancycore.alert.testing.Api.alerts;
import static io.tenancycore.alert.testing.Api.as;
import static io.tenancycore.alert.testing.Api.tenant;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.tenancycore.alert.testing.AlertProfile;
import io.tenancycore.alert.testing.TestServers;
import io.tenancycore.commons.events.Topics;
import io.tenancycore.commons.testing.TestTokens;
import io.tenancycore.commons.testsupport.TopicTail;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Tenant B's token on every alert-service path of tenant A: 403 problem+json that names nothing of A's, nothing of
 * A's changes, and each refusal is on the real audit topic. And the Alertmanager ingest refuses unknown, suspended and
 * deleted tenants (audited too), whoever sends.
 */
@QuarkusTest
@TestProfile(AlertProfile.class)
class TenantIsolationIT {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One request B tries on A's resources. */
    private record Attempt(String method, String path, String body) {
    }

    @Test
    void anotherTenantsTokenIsRefusedOnEveryPathAndAudited() {
        String a = tenant();
        String b = tenant();
        String fp = as(a).body("{\"name\": \"system.high_cpu\", \"data\": {\"value\": 95}}").post(alerts(a)).then()
                .statusCode(201).extract().path("fingerprint");
        String receiverSecret = "a-very-private-hmac-secret";
        as(a).body("{\"name\": \"ops\", \"type\": \"webhook\", \"url\": \"https://hooks.example.com/ops\", \"secret\": \""
                + receiverSecret + "\"}").post("/v1/tenants/" + a + "/receivers").then().statusCode(201);
        as(a).body("{\"route\": {\"receiver\": \"ops\", \"group_wait\": \"1h\"}}").put("/v1/tenants/" + a + "/routing")
                .then().statusCode(200);
        String silence = as(a).body("{\"matchers\": [\"alertname=\\\"x\\\"\"], \"starts_at\": \"" + Instant.now()
                + "\", \"ends_at\": \"" + Instant.now().plusSeconds(3600) + "\", \"comment\": \"maintenance of A\"}")
                .post("/v1/tenants/" + a + "/silences").then().statusCode(201).extract().path("id");
        as(a).body("{\"name\": \"cpu\", \"signal\": \"system.cpu\", \"condition\": \"value > 90\"}")
                .post("/v1/tenants/" + a + "/rules").then().statusCode(201);
        as(a).body("{\"name\": \"oncall\", \"levels\": [{\"delay\": \"5m\", \"receivers\": [\"ops\"]}]}")
                .post("/v1/tenants/" + a + "/escalation-policies").then().statusCode(201);

        String base = "/v1/tenants/" + a;
        String receiver = "{\"type\": \"webhook\", \"url\": \"https://hooks.example.com/b\"}";
        String silenceBody = "{\"matchers\": [\"alertname=\\\"y\\\"\"], \"starts_at\": \"" + Instant.now()
                + "\", \"ends_at\": \"" + Instant.now().plusSeconds(60) + "\"}";
        List<Attempt> attempts = List.of(
                new Attempt("POST", base + "/alerts", "{\"name\": \"intruder\"}"),
                new Attempt("GET", base + "/alerts", null),
                new Attempt("GET", base + "/alerts/" + fp, null),
                new Attempt("POST", base + "/alerts/" + fp + "/ack", null),
                new Attempt("POST", base + "/alerts/" + fp + "/resolve", null),
                new Attempt("GET", base + "/alerts/" + fp + "/history", null),
                new Attempt("GET", base + "/alert-history", null),
                new Attempt("GET", base + "/alert-groups", null),
                new Attempt("GET", base + "/alert-groups/0123456789abcdef", null),
                new Attempt("GET", base + "/routing", null),
                new Attempt("PUT", base + "/routing", "{\"route\": {\"receiver\": \"ops\"}}"),
                new Attempt("DELETE", base + "/routing", null),
                new Attempt("GET", base + "/receivers", null),
                new Attempt("POST", base + "/receivers", "{\"name\": \"b\", " + receiver.substring(1)),
                new Attempt("GET", base + "/receivers/ops", null),
                new Attempt("PUT", base + "/receivers/ops", receiver),
                new Attempt("DELETE", base + "/receivers/ops", null),
                new Attempt("GET", base + "/silences", null),
                new Attempt("POST", base + "/silences", silenceBody),
                new Attempt("GET", base + "/silences/" + silence, null),
                new Attempt("PUT", base + "/silences/" + silence, silenceBody),
                new Attempt("DELETE", base + "/silences/" + silence, null),
                new Attempt("GET", base + "/rules", null),
                new Attempt("POST", base + "/rules", "{\"name\": \"mine\", \"signal\": \"x\"}"),
                new Attempt("GET", base + "/rules/cpu", null),
                new Attempt("PUT", base + "/rules/cpu", "{\"signal\": \"x\"}"),
                new Attempt("DELETE", base + "/rules/cpu", null),
                new Attempt("GET", base + "/escalation-policies", null),
                new Attempt("POST", base + "/escalation-policies",
                        "{\"name\": \"p\", \"levels\": [{\"delay\": \"1m\", \"receivers\": [\"ops\"]}]}"),
                new Attempt("GET", base + "/escalation-policies/oncall", null),
                new Attempt("PUT", base + "/escalation-policies/oncall",
                        "{\"levels\": [{\"delay\": \"1m\", \"receivers\": [\"ops\"]}]}"),
                new Attempt("DELETE", base + "/escalation-policies/oncall", null));

        // what A holds that B's answers must never show (ids B put in the path come back only as the instance)
        List<String> secrets = List.of(receiverSecret, "hooks.example.com/ops", "maintenance of A", "system.high_cpu",
                "system.cpu", "value > 90", "\"state\"", "\"items\"");
        try (TopicTail audit = new TopicTail(Topics.AUDIT)) {
            for (Attempt attempt : attempts) {
                var request = given().auth().oauth2(TestTokens.tenantAdmin(b)).contentType("application/json");
                if (attempt.body() != null) {
                    request.body(attempt.body());
                }
                Response response = request.request(attempt.method(), attempt.path());
                String what = attempt.method() + " " + attempt.path();
                assertEquals(403, response.statusCode(), what + ": " + response.asString());
                assertTrue(response.contentType().startsWith("application/problem+json"), what);
                response.then().body("type", containsString("cross-tenant-access"));
                for (String secret : secrets) {
                    assertFalse(response.asString().contains(secret), what + " leaks " + secret);
                }
            }
            // every refusal is a denied audit record on the real topic, attributed to B's admin, on A
            Set<String> audited = new HashSet<>();
            List<String> expected = new ArrayList<>(attempts.stream().map(Attempt::path).distinct().toList());
            while (!audited.containsAll(expected)) {
                JsonNode record = json(audit.await(r -> a.equals(r.key())));
                if ("denied".equals(record.path("outcome").asText())) {
                    assertEquals("admin@" + b, record.path("actor").asText());
                    audited.add(record.path("resource").asText());
                }
            }
        }

        // nothing of A changed; B still sees only its own (empty) lists
        as(a).get(alerts(a) + "/" + fp).then().statusCode(200).body("state", equalTo("firing"));
        as(a).get(base + "/receivers").then().body("items", hasSize(1));
        as(a).get(base + "/rules/cpu").then().statusCode(200).body("signal", equalTo("system.cpu"));
        as(a).get(base + "/escalation-policies/oncall").then().statusCode(200);
        as(a).get(base + "/silences/" + silence).then().statusCode(200).body("status", equalTo("active"));
        as(a).get(base + "/routing").then().statusCode(200);
        as(b).get(alerts(b)).then().statusCode(200).body("items", hasSize(0));
        as(b).get(alerts(b) + "/" + fp).then().statusCode(404).body(not(containsString("system.high_cpu")));
    }

    @Test
    void alertmanagerIngestRefusesTenantsThatAreNotServed() {
        String unknown = TestServers.UNKNOWN_PREFIX + tenant();
        String suspended = TestServers.SUSPENDED_PREFIX + tenant();
        String deleted = TestServers.DELETED_PREFIX + tenant();
        String served = tenant();
        try (TopicTail audit = new TopicTail(Topics.AUDIT)) {
            // a platform client naming the tenant in the header, then in a label
            ingest(TestTokens.platformAdmin(), unknown, "[{\"labels\": {\"alertname\": \"A\"}}]").then()
                    .statusCode(404).contentType("application/problem+json")
                    .body("type", containsString("tenant-not-found"));
            ingest(TestTokens.platformAdmin(), null, "[{\"labels\": {\"alertname\": \"A\", \"tenant\": \"" + suspended
                    + "\"}}]").then().statusCode(403).body("type", containsString("tenant-suspended"));
            ingest(TestTokens.platformAdmin(), deleted, "[{\"labels\": {\"alertname\": \"A\"}}]").then()
                    .statusCode(403).body("type", containsString("tenant-deleted"));
            // a suspended tenant's own token
            ingest(TestTokens.tenantAdmin(suspended), null, "[{\"labels\": {\"alertname\": \"A\"}}]").then()
                    .statusCode(403).body("type", containsString("tenant-suspended"));
            // records of the three tenants, in whatever order the topic's partitions give them
            Set<String> refused = new HashSet<>();
            List<String> named = List.of(unknown, suspended, deleted);
            while (!refused.containsAll(named)) {
                JsonNode record = json(audit.await(r -> named.contains(r.key())
                        && "denied".equals(json(r).path("outcome").asText())));
                assertEquals("/api/v2/alerts", record.path("resource").asText());
                refused.add(record.path("tenantId").asText());
            }
        }
        // a batch naming one unserved tenant stores nothing, not even the served tenant's alert
        ingest(TestTokens.platformAdmin(), null, "[{\"labels\": {\"alertname\": \"Fine\", \"tenant\": \"" + served
                + "\"}}, {\"labels\": {\"alertname\": \"A\", \"tenant\": \"" + deleted + "\"}}]").then()
                .statusCode(403);
        as(served).get(alerts(served)).then().statusCode(200).body("items", hasSize(0));
        ingest(TestTokens.platformAdmin(), served, "[{\"labels\": {\"alertname\": \"Fine\"}}]").then()
                .statusCode(200).body("created", equalTo(1));
        // the tenant path refuses them as well (commons' tenant-status filter)
        as(suspended).body("{\"name\": \"x\"}").post(alerts(suspended)).then().statusCode(403);
        given().auth().oauth2(TestTokens.platformAdmin()).contentType("application/json").body("{\"name\": \"x\"}")
                .post(alerts(unknown)).then().statusCode(404);
    }

    private static Response ingest(String token, String orgId, String batch) {
        var request = given().auth().oauth2(token).contentType("application/json").body(batch);
        if (orgId != null) {
            request.header("X-Scope-OrgID", orgId);
        }
        return request.post("/api/v2/alerts");
    }

    private static JsonNode json(ConsumerRecord<String, byte[]> record) {
        try {
            return MAPPER.readTree(record.value());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

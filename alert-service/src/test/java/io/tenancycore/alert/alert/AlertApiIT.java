package io.tenancycore.alert.alert;

import static io.restassured.RestAssured.given;
import static io.tenancycore.alert.testing.Api.alerts;
import static io.tenancycore.alert.testing.Api.as;
import static io.tenancycore.alert.testing.Api.tenant;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tenancycore.alert.support.Keys;
import io.tenancycore.alert.testing.AlertProfile;
import io.tenancycore.commons.testing.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** Ingest (own API and Alertmanager v2), dedup, listing, ack/resolve, expiry and history over real Redis and Kafka. */
@QuarkusTest
@TestProfile(AlertProfile.class)
class AlertApiIT {

    static final String SEED = "{\"name\": \"system.high_cpu\", \"data\": {\"value\": 95}}";

    @Inject
    RedisDataSource redis;

    /**
     * This replica works a re-sent alert out from what it remembers storing; when another writer (here: Redis written
     * directly, as another replica would) changed the alert since, the script's guard refuses the stale version and the
     * post is merged into what is stored, not written over it.
     */
    @Test
    void aRepostMergesIntoWhatAnotherWriterStoredNotWhatThisReplicaRemembers() {
        String t = tenant();
        String fp = as(t).body(SEED).post(alerts(t)).then().statusCode(201).extract().path("fingerprint");
        String key = Keys.of(t, "alerts");
        String stored = redis.hash(String.class).hget(key, fp);
        assertTrue(stored.contains("\"state\":\"firing\""), stored);
        redis.hash(String.class).hset(key, fp, stored.replace("\"state\":\"firing\"", "\"state\":\"acknowledged\""));
        as(t).body(SEED).post(alerts(t)).then().statusCode(200)
                .body("state", equalTo("acknowledged")).body("occurrences", equalTo(2));
        as(t).get(alerts(t) + "/" + fp).then().statusCode(200).body("state", equalTo("acknowledged"));
    }

    @Test
    void theSeedCallCreatesOnceThenDeduplicates() {
        String t = tenant();
        String fp = as(t).body(SEED).post(alerts(t)).then().statusCode(201)
                .header("Location", endsWith(alerts(t) + "/b79ace4763b3255e"))
                .body("fingerprint", equalTo("b79ace4763b3255e"))
                .body("state", equalTo("firing"))
                .body("labels.alertname", equalTo("system.high_cpu"))
                .body("data.value", equalTo(95))
                .body("occurrences", equalTo(1))
                .extract().path("fingerprint");
        as(t).body(SEED).post(alerts(t)).then().statusCode(200).body("occurrences", equalTo(2));
        as(t).get(alerts(t)).then().statusCode(200).body("items", hasSize(1))
                .body("items[0].fingerprint", equalTo(fp)).body("next_cursor", equalTo(null));
        as(t).get(alerts(t) + "/" + fp).then().statusCode(200).body("occurrences", equalTo(2));
        // different labels: another alert
        as(t).body("{\"name\": \"system.high_cpu\", \"severity\": \"critical\", \"labels\": {\"host\": \"db-1\"}}")
                .post(alerts(t)).then().statusCode(201).body("labels.severity", equalTo("critical"));
        as(t).queryParam("limit", 1).get(alerts(t)).then().statusCode(200).body("items", hasSize(1))
                .body("next_cursor", equalTo("1"));
    }

    @Test
    void ackAndResolveChangeStateAndAreInHistory() {
        String t = tenant();
        String fp = as(t).body(SEED).post(alerts(t)).then().statusCode(201).extract().path("fingerprint");
        given().auth().oauth2(TestTokens.tenantUser(t)).post(alerts(t) + "/" + fp + "/ack").then().statusCode(200)
                .body("state", equalTo("acknowledged")).body("acknowledged_by", equalTo("user@" + t));
        as(t).queryParam("state", "acknowledged").get(alerts(t)).then().body("items", hasSize(1));
        as(t).queryParam("state", "firing").get(alerts(t)).then().body("items", hasSize(0));
        as(t).post(alerts(t) + "/" + fp + "/resolve").then().statusCode(200).body("state", equalTo("resolved"))
                .body("resolved_at", notNullValue());
        as(t).post(alerts(t) + "/" + fp + "/ack").then().statusCode(409)
                .contentType("application/problem+json");
        as(t).get(alerts(t) + "/" + fp + "/history").then().statusCode(200)
                .body("items.kind", equalTo(List.of("resolved", "acknowledged", "not_routed", "created")));
        as(t).get("/v1/tenants/" + t + "/alert-history").then().statusCode(200)
                .body("items.kind", hasItems("created", "acknowledged", "resolved"));
        // a new post of a resolved alert fires it again
        as(t).body(SEED).post(alerts(t)).then().statusCode(200).body("state", equalTo("firing"));
        as(t).get(alerts(t) + "/" + fp + "/history").then().body("items[0].kind", equalTo("not_routed"))
                .body("items[1].kind", equalTo("refired"));
    }

    @Test
    void anAlertWhoseEndsAtPassesIsResolvedByTheSweep() {
        String t = tenant();
        String ends = Instant.now().plusSeconds(1).toString();
        String fp = as(t).body("{\"name\": \"disk.full\", \"ends_at\": \"" + ends + "\"}").post(alerts(t))
                .then().statusCode(201).body("state", equalTo("firing")).extract().path("fingerprint");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> as(t).get(alerts(t) + "/" + fp).then()
                .body("state", equalTo("resolved")));
        as(t).get(alerts(t) + "/" + fp + "/history").then().body("items[0].actor", equalTo("system"))
                .body("items[0].detail", equalTo("ends_at passed"));
    }

    @Test
    void alertmanagerV2TakesTheTenantFromHeaderLabelOrToken() {
        String a = tenant();
        String b = tenant();
        String batch = """
                [{"labels": {"alertname": "HighCPU", "severity": "critical", "instance": "db-1:9100"},
                  "annotations": {"summary": "CPU above 90%"}, "startsAt": "2026-01-01T00:00:00Z",
                  "generatorURL": "http://prometheus/graph"},
                 {"labels": {"alertname": "Other", "tenant": "TENANT_B"}}]""".replace("TENANT_B", b);
        given().auth().oauth2(TestTokens.platformAdmin()).contentType("application/json").body(batch)
                .header("X-Scope-OrgID", a).post("/api/v2/alerts").then().statusCode(200)
                .body("received", equalTo(2)).body("created", equalTo(2));
        as(a).get(alerts(a) + "/97ac2175406f323f").then().statusCode(200)
                .body("annotations.summary", equalTo("CPU above 90%")).body("source", equalTo("alertmanager"))
                .body("generator_url", equalTo("http://prometheus/graph"));
        as(a).get(alerts(a)).then().body("items", hasSize(2));
        // without the header: the tenant label; a platform token naming no tenant at all is refused
        given().auth().oauth2(TestTokens.platformAdmin()).contentType("application/json").body(batch)
                .post("/api/v2/alerts").then().statusCode(422).body("violations[0].field", equalTo("[0].labels.tenant"));
        given().auth().oauth2(TestTokens.platformAdmin()).contentType("application/json")
                .body("[{\"labels\": {\"alertname\": \"Other\", \"tenant\": \"" + b + "\"}}]")
                .post("/api/v2/alerts").then().statusCode(200);
        as(b).get(alerts(b)).then().body("items.name", hasItem("Other"));
        // a tenant's token: its own tenant
        given().auth().oauth2(TestTokens.tenantAdmin(b)).contentType("application/json")
                .body("[{\"labels\": {\"alertname\": \"Mine\"}}]").post("/api/v2/alerts").then().statusCode(200);
        as(b).get(alerts(b)).then().body("items.name", hasItem("Mine"));
        // ... and never another's
        given().auth().oauth2(TestTokens.tenantAdmin(b)).contentType("application/json").header("X-Scope-OrgID", a)
                .body("[{\"labels\": {\"alertname\": \"Sneaky\"}}]").post("/api/v2/alerts").then().statusCode(403)
                .contentType("application/problem+json");
        as(a).get(alerts(a)).then().body("items.name", org.hamcrest.Matchers.not(hasItem("Sneaky")));
    }

    @Test
    void aBatchIsStoredWholeWithTheSameAlertInOrder() {
        String t = tenant();
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < 60; i++) {
            // 20 distinct alerts, each posted three times in the batch; the last post of host-0 resolves it
            String ends = i == 40 ? ", \"endsAt\": \"2020-01-01T00:00:00Z\"" : "";
            batch.append(i == 0 ? "" : ",").append("{\"labels\": {\"alertname\": \"Disk\", \"host\": \"host-")
                    .append(i % 20).append("\"}, \"startsAt\": \"2019-12-31T00:00:00Z\"").append(ends).append("}");
        }
        as(t).header("X-Scope-OrgID", t).body(batch + "]").post("/api/v2/alerts").then().statusCode(200)
                .body("received", equalTo(60)).body("created", equalTo(20));
        as(t).get(alerts(t)).then().body("items", hasSize(20))
                .body("items.occurrences", everyItem(equalTo(3)));
        as(t).queryParam("state", "resolved").get(alerts(t)).then().body("items", hasSize(1))
                .body("items[0].labels.host", equalTo("host-0"));
    }

    @Test
    void concurrentBatchesOfTheSameAlertsLoseNoPostAndCreateEachAlertOnce() throws Exception {
        // each batch is read then written by one compare-and-set script; batches racing on the same alerts must be
        // worked out again, not overwrite each other: every post counted, one "created" per alert
        String t = tenant();
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < 10; i++) {
            batch.append(i == 0 ? "" : ",").append("{\"labels\": {\"alertname\": \"Race\", \"host\": \"host-")
                    .append(i).append("\"}}");
        }
        String body = batch + "]";
        int posts = 8;
        ExecutorService pool = Executors.newFixedThreadPool(posts);
        try {
            List<Future<Integer>> created = new ArrayList<>();
            for (int i = 0; i < posts; i++) {
                created.add(pool.submit(() -> as(t).header("X-Scope-OrgID", t).body(body).post("/api/v2/alerts")
                        .then().statusCode(200).extract().<Integer>path("created")));
            }
            int total = 0;
            for (Future<Integer> each : created) {
                total += each.get(60, TimeUnit.SECONDS);
            }
            assertEquals(10, total, "each alert created by exactly one batch");
        } finally {
            pool.shutdownNow();
        }
        as(t).get(alerts(t)).then().body("items", hasSize(10)).body("items.occurrences", everyItem(equalTo(posts)));
        String fp = as(t).get(alerts(t)).then().extract().path("items[0].fingerprint");
        as(t).get(alerts(t) + "/" + fp + "/history").then().statusCode(200)
                .body("items.findAll { it.kind == 'created' }", hasSize(1));
    }

    @Test
    void tenantANeverSeesTenantB() {
        String a = tenant();
        String b = tenant();
        String fp = as(b).body(SEED).post(alerts(b)).then().statusCode(201).extract().path("fingerprint");
        as(a).get(alerts(b)).then().statusCode(403).contentType("application/problem+json")
                .body("type", containsString("cross-tenant-access"));
        as(a).get(alerts(b) + "/" + fp).then().statusCode(403);
        as(a).post(alerts(b) + "/" + fp + "/ack").then().statusCode(403);
        as(a).get("/v1/tenants/" + b + "/alert-history").then().statusCode(403);
        as(a).get(alerts(a)).then().statusCode(200).body("items", hasSize(0));
        as(a).get(alerts(a) + "/" + fp).then().statusCode(404);
        given().get(alerts(a)).then().statusCode(401);
    }

    @Test
    void badInputIsAProblem() {
        String t = tenant();
        as(t).body("{\"data\": {\"value\": 1}}").post(alerts(t)).then().statusCode(422)
                .contentType("application/problem+json").body("violations.field", hasItem("name"));
        as(t).body("{\"name\": \"x y\", \"labels\": {\"1bad\": \"v\"}, \"data\": [1]}").post(alerts(t)).then()
                .statusCode(422).body("violations.field", hasItems("name", "labels", "data"));
        as(t).body("{\"name\": \"x\", \"surprise\": 1}").post(alerts(t)).then().statusCode(400)
                .contentType("application/problem+json");
        as(t).body("{not json").post(alerts(t)).then().statusCode(400).contentType("application/problem+json");
        // a null label value is a violation, not a 500 from the fingerprint (found by EndpointFuzzIT)
        as(t).body("{\"name\": \"x\", \"labels\": {\"x\": null}}").post(alerts(t)).then().statusCode(422)
                .contentType("application/problem+json").body("violations.field", hasItem("labels.x"));
        as(t).body("[{\"labels\": {\"alertname\": \"a\", \"x\": null}}]").post("/api/v2/alerts").then()
                .statusCode(422).contentType("application/problem+json");
        as(t).queryParam("state", "sleeping").get(alerts(t)).then().statusCode(400);
        as(t).queryParam("limit", 0).get(alerts(t)).then().statusCode(400);
        StringBuilder labels = new StringBuilder("{");
        for (int i = 0; i < 70; i++) {
            labels.append(i == 0 ? "" : ",").append("\"l").append(i).append("\": \"v\"");
        }
        as(t).body("{\"name\": \"x\", \"labels\": " + labels + "}}").post(alerts(t)).then().statusCode(422)
                .body("violations[0].code", equalTo("too_many"));
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < 1001; i++) {
            batch.append(i == 0 ? "" : ",").append("{\"labels\":{\"alertname\":\"a\"}}");
        }
        as(t).body(batch + "]").post("/api/v2/alerts").then().statusCode(413)
                .contentType("application/problem+json");
        as(t).body("[{\"labels\": {\"severity\": \"x\"}}, {\"labels\": {\"alertname\": \"ok\"}}]")
                .post("/api/v2/alerts").then().statusCode(422)
                .body("violations[0].field", equalTo("[0].labels.alertname"));
        as(t).get(alerts(t)).then().body("items", hasSize(0));
        given().auth().oauth2(TestTokens.tenantUser(t)).contentType("application/json").body(SEED)
                .post(alerts(t)).then().statusCode(403);
    }
}

package io.tenancycore.alert.escalation;

import static io.tenancycore.alert.testing.Api.alerts;
import static io.tenancycore.alert.testing.Api.as;
import static io.tenancycore.alert.testing.Api.tenant;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tenancycore.alert.testing.AlertProfile;
import io.tenancycore.alert.testing.HttpSink;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** An unacknowledged alert climbs the levels of its escalation policy; an acknowledged one does not. */
@QuarkusTest
@TestProfile(AlertProfile.class)
class EscalationIT {

    static HttpSink sink;

    @BeforeAll
    static void start() {
        sink = new HttpSink();
    }

    @AfterAll
    static void stop() {
        sink.close();
    }

    static void setUp(String t) {
        for (String level : new String[] {"first", "second"}) {
            as(t).body("{\"name\": \"" + level + "\", \"type\": \"webhook\", \"url\": \"" + sink.url("/" + t + "/"
                    + level) + "\"}").post("/v1/tenants/" + t + "/receivers").then().statusCode(201);
        }
        as(t).body("""
                {"name": "oncall", "matchers": ["severity=\\"critical\\""],
                 "levels": [{"delay": "1s", "receivers": ["first"]}, {"delay": "1s", "receivers": ["second"]}]}""")
                .post("/v1/tenants/" + t + "/escalation-policies").then().statusCode(201);
    }

    @Test
    void anUnacknowledgedAlertEscalatesLevelByLevel() {
        String t = tenant();
        setUp(t);
        as(t).body("{\"name\": \"db.down\", \"severity\": \"critical\"}").post(alerts(t)).then().statusCode(201);
        as(t).body("{\"name\": \"db.slow\", \"severity\": \"warning\"}").post(alerts(t)).then().statusCode(201);
        await().atMost(Duration.ofSeconds(15)).until(() -> sink.at("/" + t + "/first").size() == 1
                && sink.at("/" + t + "/second").size() == 1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() ->
                sink.at("/" + t + "/first").size() == 1 && sink.at("/" + t + "/second").size() == 1);
        assertEquals("db.down", sink.at("/" + t + "/second").get(0).json().getJsonArray("alerts").getJsonObject(0)
                .getJsonObject("labels").getString("alertname"));
        as(t).get("/v1/tenants/" + t + "/alert-history").then().body("items.kind", hasItem("escalated"));
    }

    @Test
    void anAcknowledgedAlertDoesNotEscalate() {
        String t = tenant();
        setUp(t);
        String fp = as(t).body("{\"name\": \"db.down\", \"severity\": \"critical\"}").post(alerts(t)).then()
                .statusCode(201).extract().path("fingerprint");
        as(t).post(alerts(t) + "/" + fp + "/ack").then().statusCode(200);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() ->
                sink.at("/" + t + "/first").isEmpty() && sink.at("/" + t + "/second").isEmpty());
    }

    @Test
    void policiesNameKnownReceivers() {
        String t = tenant();
        as(t).body("{\"name\": \"p\", \"levels\": [{\"delay\": \"later\", \"receivers\": [\"ghost\"]}]}")
                .post("/v1/tenants/" + t + "/escalation-policies").then().statusCode(422)
                .body("violations.field", org.hamcrest.Matchers.hasItems("levels[0].delay", "levels[0].receivers[0]"));
    }
}

package io.tenancycore.alert.rule;

import static io.tenancycore.alert.testing.Api.alerts;
import static io.tenancycore.alert.testing.Api.as;
import static io.tenancycore.alert.testing.Api.tenant;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;

import io.cloudevents.core.builder.CloudEventBuilder;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tenancycore.alert.testing.AlertProfile;
import io.tenancycore.commons.events.CloudEvents;
import io.tenancycore.commons.events.EventTypes;
import io.tenancycore.commons.events.Topics;
import io.tenancycore.commons.testsupport.Infra;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Rules over signals published to the real tenancy.alert-signals topic. */
@QuarkusTest
@TestProfile(AlertProfile.class)
class RulesIT {

    @BeforeAll
    static void topic() {
        Infra.ensureTopics(List.of(Topics.ALERT_SIGNALS), 1);
    }

    static void signal(String tenant, String name, String host, double value) {
        String data = "{\"name\": \"" + name + "\", \"labels\": {\"host\": \"" + host + "\"}, \"data\": {\"value\": "
                + value + "}}";
        Infra.send(Topics.ALERT_SIGNALS, tenant, CloudEventBuilder.v1().withId(UUID.randomUUID().toString())
                .withSource(URI.create("/it")).withType(EventTypes.ALERT_SIGNAL)
                .withExtension(CloudEvents.TENANT_EXTENSION, tenant)
                .withData("application/json", data.getBytes(StandardCharsets.UTF_8)).build());
    }

    @Test
    void aSignalOverTheThresholdFiresAndBelowResolves() {
        String t = tenant();
        as(t).body("""
                {"name": "cpu", "signal": "system.cpu", "matchers": ["host=~\\"db-.*\\""], "condition": "value > 90",
                 "alert": "HighCPU", "severity": "critical", "labels": {"team": "dba"},
                 "annotations": {"summary": "CPU above 90"}}""")
                .post("/v1/tenants/" + t + "/rules").then().statusCode(201).body("name", equalTo("cpu"));
        signal(t, "system.cpu", "web-1", 99);   // matcher does not take it
        signal(t, "system.cpu", "db-1", 50);    // condition false
        signal(t, "system.cpu", "db-1", 95);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as(t).get(alerts(t)).then()
                .body("items", hasSize(1)).body("items[0].name", equalTo("HighCPU"))
                .body("items[0].labels.team", equalTo("dba")).body("items[0].labels.host", equalTo("db-1"))
                .body("items[0].severity", equalTo("critical")).body("items[0].state", equalTo("firing"))
                .body("items[0].data.value", equalTo(95.0f)));
        signal(t, "system.cpu", "db-1", 40);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as(t).get(alerts(t)).then()
                .body("items[0].state", equalTo("resolved")));
    }

    @Test
    void aRuleWithForFiresOnlyAfterTheConditionHeldThatLong() {
        String t = tenant();
        as(t).body("{\"name\": \"slow\", \"signal\": \"latency\", \"condition\": \"value >= 2\", \"for\": \"2s\"}")
                .post("/v1/tenants/" + t + "/rules").then().statusCode(201);
        signal(t, "latency", "a", 3);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(6)).untilAsserted(() -> as(t).get(alerts(t))
                .then().body("items", hasSize(0)));
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(700)).untilAsserted(() -> {
            signal(t, "latency", "a", 3);
            as(t).get(alerts(t)).then().body("items", hasSize(1)).body("items[0].name", equalTo("slow"));
        });
    }

    @Test
    void rulesAreValidatedByTheirSchemaAndSemantics() {
        String t = tenant();
        as(t).body("{\"signal\": \"x\", \"severity\": \"LOUD\", \"extra\": true, \"for\": \"soon\"}")
                .post("/v1/tenants/" + t + "/rules").then().statusCode(422).contentType("application/problem+json")
                .body("violations.size()", org.hamcrest.Matchers.greaterThanOrEqualTo(3));
        as(t).body("{\"name\": \"r\", \"signal\": \"x\", \"condition\": \"value > 1; drop\", \"matchers\": [\"a=~\\\"(\\\"\"]}")
                .post("/v1/tenants/" + t + "/rules").then().statusCode(422)
                .body("violations.field", hasItems("condition", "matchers[0]"));
        as(t).body("{\"name\": \"r\", \"signal\": \"x\"}").post("/v1/tenants/" + t + "/rules").then().statusCode(201);
        as(t).body("{\"name\": \"r\", \"signal\": \"x\"}").post("/v1/tenants/" + t + "/rules").then().statusCode(409);
        as(t).body("{\"signal\": \"y\"}").header("If-Match", "\"9\"").put("/v1/tenants/" + t + "/rules/r").then()
                .statusCode(412);
        as(t).body("{\"signal\": \"y\"}").header("If-Match", "\"1\"").put("/v1/tenants/" + t + "/rules/r").then()
                .statusCode(200).body("signal", equalTo("y"));
        as(t).get("/v1/tenants/" + t + "/rules").then().statusCode(200).body("items", hasSize(1));
        as(t).delete("/v1/tenants/" + t + "/rules/r").then().statusCode(204);
        as(t).get("/v1/tenants/" + t + "/rules/r").then().statusCode(404);

        // a PUT that creates answers 201 with Location, one that replaces 200; both carry the version
        as(t).body("{\"signal\": \"z\"}").put("/v1/tenants/" + t + "/rules/fresh").then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith("/v1/tenants/" + t + "/rules/fresh"))
                .header("ETag", "\"1\"");
        as(t).body("{\"signal\": \"z2\"}").put("/v1/tenants/" + t + "/rules/fresh").then().statusCode(200)
                .header("ETag", "\"2\"");
    }
}

package io.tenancycore.alert.support;

import static io.tenancycore.alert.testing.Api.alerts;
import static io.tenancycore.alert.testing.Api.as;
import static io.tenancycore.alert.testing.Api.tenant;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudevents.core.builder.CloudEventBuilder;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.keys.KeyScanArgs;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tenancycore.alert.testing.AlertProfile;
import io.tenancycore.alert.testing.HttpSink;
import io.tenancycore.commons.events.CloudEvents;
import io.tenancycore.commons.events.EventTypes;
import io.tenancycore.commons.events.Topics;
import io.tenancycore.commons.testsupport.Infra;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Per-alert state lives only as long as it is needed: the escalation levels of an alert go when it is acknowledged or
 * resolved, a rule's pending state goes when its condition stops holding and expires when signals stop coming.
 */
@QuarkusTest
@TestProfile(AlertProfile.class)
class BoundedStateIT {

    @Inject
    RedisDataSource redis;

    @BeforeAll
    static void topic() {
        Infra.ensureTopics(List.of(Topics.ALERT_SIGNALS), 1);
    }

    @Test
    void escalationStateGoesWithTheAckOrTheResolve() {
        String t = tenant();
        try (HttpSink sink = new HttpSink()) {
            as(t).body("{\"name\": \"pager\", \"type\": \"webhook\", \"url\": \"" + sink.url("/" + t + "/pager")
                    + "\"}").post("/v1/tenants/" + t + "/receivers").then().statusCode(201);
            as(t).body("{\"name\": \"oncall\", \"levels\": [{\"delay\": \"0s\", \"receivers\": [\"pager\"]},"
                    + " {\"delay\": \"1h\", \"receivers\": [\"pager\"]}]}")
                    .post("/v1/tenants/" + t + "/escalation-policies").then().statusCode(201);
            String acked = as(t).body("{\"name\": \"db.down\"}").post(alerts(t)).then().statusCode(201)
                    .extract().path("fingerprint");
            String resolved = as(t).body("{\"name\": \"db.slow\"}").post(alerts(t)).then().statusCode(201)
                    .extract().path("fingerprint");
            // level 0 of both is sent; what each reached is kept while they fire
            await().atMost(Duration.ofSeconds(15)).until(() -> sink.at("/" + t + "/pager").size() == 2
                    && keys(t, "escalation:*").size() == 2);
            as(t).post(alerts(t) + "/" + acked + "/ack").then().statusCode(200);
            as(t).post(alerts(t) + "/" + resolved + "/resolve").then().statusCode(200);
            assertEquals(List.of(), keys(t, "escalation:*"));
            as(t).get("/v1/tenants/" + t + "/alert-history").then().body("items.kind", hasItem("escalated"));
        }
    }

    @Test
    void pendingRuleStateGoesWhenTheConditionStopsAndExpiresOtherwise() {
        String t = tenant();
        as(t).body("{\"name\": \"slow\", \"signal\": \"latency\", \"condition\": \"value >= 2\", \"for\": \"1h\"}")
                .post("/v1/tenants/" + t + "/rules").then().statusCode(201);
        signal(t, "a", 3);
        signal(t, "b", 3);
        await().atMost(Duration.ofSeconds(20)).until(() -> keys(t, "pending:*").size() == 2);
        // each pending entry expires: its for (1h) plus the grace (10m) after the last true signal
        for (String key : keys(t, "pending:*")) {
            long ttl = redis.key().pttl(key);
            assertTrue(ttl > 3_500_000 && ttl <= 4_200_000, key + " ttl " + ttl);
        }
        // a false signal clears its entry; nothing fired, so nothing else is left
        signal(t, "a", 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> keys(t, "pending:*").size() == 1);
        signal(t, "b", 0);
        await().atMost(Duration.ofSeconds(20)).until(() -> keys(t, "pending:*").isEmpty());
        as(t).get(alerts(t)).then().body("items.size()", equalTo(0));
    }

    private List<String> keys(String tenant, String pattern) {
        List<String> found = new ArrayList<>();
        redis.key().scan(new KeyScanArgs().match("alert:{" + tenant + "}:" + pattern).count(1000))
                .toIterable().forEach(found::add);
        return found;
    }

    private static void signal(String tenant, String host, double value) {
        String data = "{\"name\": \"latency\", \"labels\": {\"host\": \"" + host + "\"}, \"data\": {\"value\": "
                + value + "}}";
        Infra.send(Topics.ALERT_SIGNALS, tenant, CloudEventBuilder.v1().withId(UUID.randomUUID().toString())
                .withSource(URI.create("/it")).withType(EventTypes.ALERT_SIGNAL)
                .withExtension(CloudEvents.TENANT_EXTENSION, tenant)
                .withData("application/json", data.getBytes(StandardCharsets.UTF_8)).build());
    }
}

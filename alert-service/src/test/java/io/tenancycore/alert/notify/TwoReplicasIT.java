package io.tenancycore.alert.notify;

import static io.restassured.RestAssured.given;
import static io.tenancycore.alert.testing.Api.alerts;
import static io.tenancycore.alert.testing.Api.as;
import static io.tenancycore.alert.testing.Api.tenant;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tenancycore.alert.testing.AlertProfile;
import io.tenancycore.alert.testing.HttpSink;
import io.tenancycore.alert.testing.TestServers;
import io.tenancycore.commons.testing.TestTokens;
import io.tenancycore.commons.testsupport.ServiceProcess;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Two replicas on one Redis flush the same groups every 200 ms; the atomic claim lets exactly one send each
 * notification, so the sink sees every group exactly once.
 */
@QuarkusTest
@TestProfile(AlertProfile.class)
class TwoReplicasIT {

    @Test
    void twoReplicasNeverBothSendTheSameNotification() {
        Map<String, String> config = new HashMap<>(TestServers.config());
        config.putAll(AlertProfile.TIMINGS);
        String t = tenant();
        String path = "/" + t + "/hook";
        try (HttpSink sink = new HttpSink(); ServiceProcess other = ServiceProcess.start("alert-replica-b", config)) {
            as(t).body("{\"name\": \"hook\", \"type\": \"webhook\", \"url\": \"" + sink.url(path) + "\"}")
                    .post("/v1/tenants/" + t + "/receivers").then().statusCode(201);
            as(t).body("{\"route\": {\"receiver\": \"hook\", \"group_by\": [\"alertname\"], \"group_wait\": \"1s\","
                    + " \"group_interval\": \"500ms\", \"repeat_interval\": \"1h\"}}")
                    .put("/v1/tenants/" + t + "/routing").then().statusCode(200);
            int groups = 30;
            for (int i = 0; i < groups; i++) {
                String body = "{\"name\": \"alert_" + i + "\"}";
                if (i % 2 == 0) {
                    as(t).body(body).post(alerts(t)).then().statusCode(201);
                } else {
                    given().baseUri(other.baseUrl()).auth().oauth2(TestTokens.tenantAdmin(t))
                            .contentType("application/json").body(body).post(alerts(t)).then().statusCode(201);
                }
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> sink.at(path).size() >= groups);
            // several more group intervals on both replicas: still exactly one notification per group
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                    .until(() -> sink.at(path).size() == groups);
            Set<String> keys = sink.at(path).stream().map(r -> r.json().getString("groupKey"))
                    .collect(Collectors.toSet());
            assertEquals(groups, keys.size());
        }
    }
}

package io.tenancycore.alert.group;

import static io.tenancycore.alert.testing.Api.alerts;
import static io.tenancycore.alert.testing.Api.as;
import static io.tenancycore.alert.testing.Api.tenant;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tenancycore.alert.testing.AlertProfile;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Listing and querying the groups routing forms, over real Redis: paging, receiver and matcher filters, one group. */
@QuarkusTest
@TestProfile(AlertProfile.class)
class AlertGroupsIT {

    @Test
    void groupsAreListedPagedAndQueried() {
        String t = tenant();
        as(t).body("{\"name\": \"hook\", \"type\": \"webhook\", \"url\": \"http://127.0.0.1:9/hook\"}")
                .post("/v1/tenants/" + t + "/receivers").then().statusCode(201);
        // group_wait of an hour: the groups wait, so the test sees them as formed
        as(t).body("{\"route\": {\"receiver\": \"hook\", \"group_by\": [\"alertname\"], \"group_wait\": \"1h\","
                + " \"group_interval\": \"5m\", \"repeat_interval\": \"4h\"}}").put("/v1/tenants/" + t + "/routing")
                .then().statusCode(200);
        as(t).get("/v1/tenants/" + t + "/alert-groups").then().statusCode(200).body("items", hasSize(0))
                .body("next_cursor", nullValue());
        as(t).body("{\"name\": \"cpu\", \"labels\": {\"host\": \"a\"}}").post(alerts(t)).then().statusCode(201);
        as(t).body("{\"name\": \"cpu\", \"labels\": {\"host\": \"b\"}}").post(alerts(t)).then().statusCode(201);
        as(t).body("{\"name\": \"disk\", \"labels\": {\"host\": \"a\"}}").post(alerts(t)).then().statusCode(201);

        long inAnHour = Instant.now().plusSeconds(3600).toEpochMilli();
        List<String> keys = as(t).get("/v1/tenants/" + t + "/alert-groups").then().statusCode(200)
                .body("items", hasSize(2)).body("next_cursor", nullValue())
                .body("items.receiver", equalTo(List.of("hook", "hook")))
                .body("items.group_interval_ms", equalTo(List.of(300000, 300000)))
                .body("items.last_notified_at", equalTo(java.util.Arrays.asList(null, null)))
                .extract().path("items.key");
        String cpu = as(t).queryParam("filter", "alertname=\"cpu\"").get("/v1/tenants/" + t + "/alert-groups")
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].labels.alertname", equalTo("cpu"))
                .body("items[0].alerts", hasSize(2)).body("items[0].alerts.labels.host", equalTo(List.of("a", "b")))
                .body("items[0].alerts[0].state", equalTo("firing"))
                .extract().path("items[0].key");
        // the next look at the group is group_wait after it formed
        long next = Instant.parse(as(t).get("/v1/tenants/" + t + "/alert-groups/" + cpu).then().statusCode(200)
                .body("key", equalTo(cpu)).body("alerts", hasSize(2)).body("route", equalTo("0"))
                .extract().<String>path("next_notification_at")).toEpochMilli();
        org.hamcrest.MatcherAssert.assertThat(next, greaterThan(inAnHour - 60_000));
        org.hamcrest.MatcherAssert.assertThat(next, lessThan(inAnHour + 1_000));

        // a filter narrows the alerts shown and drops groups left empty
        as(t).queryParam("filter", "host=\"a\"").get("/v1/tenants/" + t + "/alert-groups").then()
                .body("items", hasSize(2)).body("items[0].alerts", hasSize(1)).body("items[1].alerts", hasSize(1));
        as(t).queryParam("filter", "host=~\"b|c\"").queryParam("filter", "alertname!=\"disk\"")
                .get("/v1/tenants/" + t + "/alert-groups").then().body("items", hasSize(1))
                .body("items[0].key", equalTo(cpu));
        as(t).queryParam("receiver", "elsewhere").get("/v1/tenants/" + t + "/alert-groups").then()
                .body("items", hasSize(0));
        // pages of one, in key order
        String second = as(t).queryParam("limit", 1).get("/v1/tenants/" + t + "/alert-groups").then()
                .body("items", hasSize(1)).body("items[0].key", equalTo(keys.get(0)))
                .body("next_cursor", equalTo("1")).extract().path("next_cursor");
        as(t).queryParam("limit", 1).queryParam("cursor", second).get("/v1/tenants/" + t + "/alert-groups").then()
                .body("items", hasSize(1)).body("items[0].key", equalTo(keys.get(1))).body("next_cursor", nullValue());
        assertEquals(2, keys.stream().distinct().count());

        // bad queries are 400 problems, unknown groups 404
        as(t).queryParam("filter", "host=\"a").get("/v1/tenants/" + t + "/alert-groups").then().statusCode(400)
                .contentType("application/problem+json").body("violations[0].field", equalTo("filter[0]"));
        as(t).queryParam("limit", 501).get("/v1/tenants/" + t + "/alert-groups").then().statusCode(400);
        as(t).get("/v1/tenants/" + t + "/alert-groups/0123456789abcdef").then().statusCode(404)
                .contentType("application/problem+json");
        as(t).get("/v1/tenants/" + t + "/alert-groups/not-a-key").then().statusCode(404);
    }
}

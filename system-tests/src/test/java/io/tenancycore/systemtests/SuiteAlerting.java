package io.tenancycore.systemtests;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;

/** A tenant's side of alert-service: webhook receivers, its routing, alerts and the notification history. */
final class SuiteAlerting {

    static final SuiteService ALERTS = SuiteService.named("alert-service");
    static final String NOTIFICATIONS_METRIC = "alert_notifications_total";

    private final String token;
    private final String tenant;

    SuiteAlerting(String token, String tenant) {
        this.token = token;
        this.tenant = tenant;
    }

    private RequestSpecification request() {
        return given().baseUri(ALERTS.baseUrl()).auth().oauth2(token);
    }

    /**
     * A webhook receiver {@code name} at {@code url}, and a routing tree that sends every alert to it: the first
     * notification {@code group_wait} (1 s) after the alert, the group looked at again every 2 s, repeated after 1 h.
     */
    void routeEverythingTo(String name, String url) {
        request().contentType(ContentType.JSON).body(Map.of("name", name, "type", "webhook", "url", url,
                        "send_resolved", false))
                .post("/v1/tenants/{t}/receivers", tenant).then().statusCode(201);
        request().contentType(ContentType.JSON).body(Map.of("route", Map.of("receiver", name, "group_wait", "1s",
                        "group_interval", "2s", "repeat_interval", "1h")))
                .put("/v1/tenants/{t}/routing", tenant).then().statusCode(200);
    }

    /** The seed's {@code send_alert(name, {"value": 95})}; its fingerprint. */
    String send(String name) {
        return request().contentType(ContentType.JSON).body(Map.of("name", name, "data", Map.of("value", 95)))
                .post("/v1/tenants/{t}/alerts", tenant).then().statusCode(201).extract().path("fingerprint");
    }

    /** The tenant's notification history entries of {@code kind}, newest first. */
    List<Map<String, Object>> history(String kind) {
        List<Map<String, Object>> items = request().queryParam("limit", 500)
                .get("/v1/tenants/{t}/alert-history", tenant).then().statusCode(200).extract().jsonPath()
                .getList("items");
        return items.stream().filter(entry -> kind.equals(entry.get("kind"))).toList();
    }

    /**
     * {@code alert_notifications_total} of the tenant's webhook notifications with {@code outcome}: the tenant's own
     * series, or the shared {@code other} one once the service bounds its tenant labels.
     */
    double webhookNotifications(String outcome) {
        String exposition = given().baseUri(ALERTS.managementUrl()).accept("text/plain").get("/q/metrics")
                .then().statusCode(200).extract().asString();
        String label = exposition.contains("tenant=\"" + tenant + "\"") ? tenant : "other";
        return exposition.lines()
                .filter(line -> line.startsWith(NOTIFICATIONS_METRIC + "{") && line.contains("tenant=\"" + label
                        + "\"") && line.contains("receiver_type=\"webhook\"")
                        && line.contains("outcome=\"" + outcome + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }
}

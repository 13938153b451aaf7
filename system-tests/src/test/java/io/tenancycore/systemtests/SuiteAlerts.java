package io.tenancycore.systemtests;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;

/**
 * A tenant's alerting on an alert-service process (the suite's, or its second replica): webhook receivers, routing,
 * escalation policies, alerts posted and acknowledged, the notification history and metrics, and the alerts a webhook
 * delivery carried.
 */
final class SuiteAlerts {

    static final SuiteService ALERTS = SuiteService.named("alert-service");
    static final String NOTIFICATIONS_METRIC = "alert_notifications_total";

    private final SuiteService service;
    private final String token;
    private final String tenant;

    SuiteAlerts(SuiteService service, String token, String tenant) {
        this.service = service;
        this.token = token;
        this.tenant = tenant;
    }

    /** The tenant's alerting on the suite's alert-service. */
    SuiteAlerts(String token, String tenant) {
        this(ALERTS, token, tenant);
    }

    /** The same tenant's alerting on another process of the service. */
    SuiteAlerts on(SuiteService other) {
        return new SuiteAlerts(other, token, tenant);
    }

    void webhookReceiver(String name, String url) {
        given().baseUri(service.baseUrl()).auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("name", name, "type", "webhook", "url", url))
                .post("/v1/tenants/{t}/receivers", tenant).then().statusCode(201);
    }

    void routing(Map<String, Object> route) {
        given().baseUri(service.baseUrl()).auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("route", route))
                .put("/v1/tenants/{t}/routing", tenant).then().statusCode(200);
    }

    /** An escalation policy: each level is {@code {"delay": "5m", "receivers": [...]}}. */
    void escalationPolicy(String name, List<String> matchers, List<Map<String, Object>> levels) {
        given().baseUri(service.baseUrl()).auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("name", name, "matchers", matchers, "levels", levels))
                .post("/v1/tenants/{t}/escalation-policies", tenant).then().statusCode(201);
    }

    /**
     * A webhook receiver {@code name} at {@code url}, and a routing tree that sends every alert to it: the first
     * notification {@code group_wait} (1 s) after the alert, the group looked at again every 2 s, repeated after 1 h.
     */
    void routeEverythingTo(String name, String url) {
        given().baseUri(service.baseUrl()).auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("name", name, "type", "webhook", "url", url, "send_resolved", false))
                .post("/v1/tenants/{t}/receivers", tenant).then().statusCode(201);
        routing(Map.of("receiver", name, "group_wait", "1s", "group_interval", "2s", "repeat_interval", "1h"));
    }

    /** The tenant's notification history entries of {@code kind}, newest first. */
    List<Map<String, Object>> history(String kind) {
        List<Map<String, Object>> items = given().baseUri(service.baseUrl()).auth().oauth2(token)
                .queryParam("limit", 500).get("/v1/tenants/{t}/alert-history", tenant)
                .then().statusCode(200).extract().jsonPath().getList("items");
        return items.stream().filter(entry -> kind.equals(entry.get("kind"))).toList();
    }

    /**
     * {@code alert_notifications_total} of the tenant's webhook notifications with {@code outcome}: the tenant's own
     * series, or the shared {@code other} one once the service bounds its tenant labels.
     */
    double webhookNotifications(String outcome) {
        String exposition = given().baseUri(service.managementUrl()).accept("text/plain").get("/q/metrics")
                .then().statusCode(200).extract().asString();
        String label = exposition.contains("tenant=\"" + tenant + "\"") ? tenant : "other";
        return exposition.lines()
                .filter(line -> line.startsWith(NOTIFICATIONS_METRIC + "{") && line.contains("tenant=\"" + label
                        + "\"") && line.contains("receiver_type=\"webhook\"")
                        && line.contains("outcome=\"" + outcome + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    /** The seed's {@code send_alert}: 201 for a new alert, 200 for one deduplicated into a stored alert. */
    Response post(String alertName, Map<String, String> labels) {
        return given().baseUri(service.baseUrl()).auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("name", alertName, "labels", labels, "data", Map.of("value", 95)))
                .post("/v1/tenants/{t}/alerts", tenant);
    }

    /** The seed's {@code send_alert(name, {"value": 95})} with no labels, as a new alert; its fingerprint. */
    String send(String alertName) {
        return given().baseUri(service.baseUrl()).auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("name", alertName, "data", Map.of("value", 95)))
                .post("/v1/tenants/{t}/alerts", tenant).then().statusCode(201).extract().path("fingerprint");
    }

    JsonPath alert(String fingerprint) {
        return given().baseUri(service.baseUrl()).auth().oauth2(token)
                .get("/v1/tenants/{t}/alerts/{fp}", tenant, fingerprint)
                .then().statusCode(200).extract().jsonPath();
    }

    void acknowledge(String fingerprint) {
        given().baseUri(service.baseUrl()).auth().oauth2(token)
                .post("/v1/tenants/{t}/alerts/{fp}/ack", tenant, fingerprint)
                .then().statusCode(200);
    }

    /** How many webhook deliveries among {@code received} carried an alert named {@code alertName}. */
    static long deliveriesOf(List<LoopbackSink.Received> received, String alertName) {
        return received.stream()
                .filter(r -> JsonPath.from(r.body()).getList("alerts.labels.alertname").contains(alertName))
                .count();
    }
}

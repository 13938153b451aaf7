package io.tenancycore.systemtests;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;

/**
 * A tenant's alerting on an alert-service process (the suite's, or its second replica): webhook receivers, routing,
 * escalation policies, alerts posted and acknowledged, and the alerts a webhook delivery carried.
 */
final class SuiteAlerts {

    private final SuiteService service;
    private final String token;
    private final String tenant;

    SuiteAlerts(SuiteService service, String token, String tenant) {
        this.service = service;
        this.token = token;
        this.tenant = tenant;
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

    /** The seed's {@code send_alert}: 201 for a new alert, 200 for one deduplicated into a stored alert. */
    Response post(String alertName, Map<String, String> labels) {
        return given().baseUri(service.baseUrl()).auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("name", alertName, "labels", labels, "data", Map.of("value", 95)))
                .post("/v1/tenants/{t}/alerts", tenant);
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

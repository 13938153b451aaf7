package io.tenancycore.systemtests;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A tenant's side of the gateway's event bus: subscriptions, publishing, dead letters (event-gateway README). */
final class SuiteEventBus {

    static final SuiteService GATEWAY = SuiteService.named("event-gateway");
    private static final String BATCH = "application/cloudevents-batch+json";

    private final String token;
    private final String tenant;

    SuiteEventBus(String token, String tenant) {
        this.token = token;
        this.tenant = tenant;
    }

    private RequestSpecification request() {
        return given().baseUri(GATEWAY.baseUrl()).auth().oauth2(token);
    }

    /** A webhook subscription to the events whose type starts with {@code typePrefix}; its id. */
    String subscribe(String sink, String typePrefix, Map<String, Object> delivery) {
        return request().contentType(ContentType.JSON)
                .body(Map.of("sink", sink, "filters", List.of(Map.of("prefix", Map.of("type", typePrefix))),
                        "delivery", delivery))
                .post("/api/events/v1/tenants/{t}/subscriptions", tenant)
                .then().statusCode(201).extract().path("id");
    }

    void unsubscribe(String subscription) {
        request().delete("/api/events/v1/tenants/{t}/subscriptions/{id}", tenant, subscription)
                .then().statusCode(204);
    }

    /** Publishes one event per id, of {@code type}, in one batch; returns once the gateway answered 202. */
    void publish(String type, List<String> ids) {
        List<Map<String, Object>> batch = new ArrayList<>();
        for (String id : ids) {
            batch.add(Map.of("specversion", "1.0", "id", id, "source", "/system-tests/faults", "type", type,
                    "datacontenttype", "application/json", "data", Map.of("id", id)));
        }
        request().contentType(BATCH).body(batch).post("/api/events/v1/tenants/{t}/events", tenant)
                .then().statusCode(202);
    }

    /** Every dead letter of the tenant (each with {@code id}, {@code reason}, {@code attempts}, {@code event}). */
    List<Map<String, Object>> deadLetters() {
        return request().queryParam("limit", 500).get("/api/events/v1/tenants/{t}/dead-letters", tenant)
                .then().statusCode(200).extract().jsonPath().getList("items");
    }

    void replay(String deadLetter) {
        request().post("/api/events/v1/tenants/{t}/dead-letters/{id}/replay", tenant, deadLetter)
                .then().statusCode(202);
    }

    /** The id of the event a dead letter holds. */
    static String eventId(Map<String, Object> deadLetter) {
        return (String) ((Map<?, ?>) deadLetter.get("event")).get("id");
    }
}

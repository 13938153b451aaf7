package io.tenancycore.systemtests;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;

/**
 * A tenant's workflows on a workflow-service process (the suite's, or its second replica): a
 * {@code set → wait → set} definition (Serverless Workflow 1.0, sent as JSON), instances started from it and read back
 * with their task list.
 */
final class SuiteWorkflows {

    /** Where workflow-service announces each instance's lifecycle (key: tenant, {@code ce_subject}: instance id). */
    static final String EVENTS_TOPIC = "tenancy.workflow-events";
    static final String STARTED = "io.tenancycore.workflow.instance.started";
    static final String COMPLETED = "io.tenancycore.workflow.instance.completed";

    private final SuiteService service;
    private final String token;
    private final String tenant;

    SuiteWorkflows(SuiteService service, String token, String tenant) {
        this.service = service;
        this.token = token;
        this.tenant = tenant;
    }

    /** The same tenant's workflows on another process of the service. */
    SuiteWorkflows on(SuiteService other) {
        return new SuiteWorkflows(other, token, tenant);
    }

    /**
     * Uploads {@code name}: {@code before} (set), {@code pause} (wait {@code waitSeconds}), {@code after} (set). The
     * output is {@code {"step": 3, "who": <input.who>}}.
     */
    void defineSetWaitSet(String name, int waitSeconds) {
        Map<String, Object> document = Map.of(
                "document", Map.of("dsl", "1.0.0", "namespace", "system-tests", "name", name, "version", "1.0.0"),
                "do", List.of(
                        Map.of("before", Map.of("set", Map.of("step", 1, "who", "${ .who }"))),
                        Map.of("pause", Map.of("wait", "PT" + waitSeconds + "S")),
                        Map.of("after", Map.of("set", Map.of("step", 3, "who", "${ .who }")))));
        given().baseUri(service.baseUrl()).auth().oauth2(token).contentType(ContentType.JSON).body(document)
                .put("/v1/tenants/{t}/workflows/definitions/{name}", tenant, name)
                .then().statusCode(201);
    }

    /** Starts an instance of {@code definition} with input {@code {"who": who}}; returns its id. */
    String start(String definition, String who) {
        return given().baseUri(service.baseUrl()).auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("definition", definition, "input", Map.of("who", who)))
                .post("/v1/tenants/{t}/workflows/instances", tenant)
                .then().statusCode(201)
                .extract().path("id");
    }

    JsonPath instance(String id) {
        return given().baseUri(service.baseUrl()).auth().oauth2(token)
                .get("/v1/tenants/{t}/workflows/instances/{id}", tenant, id)
                .then().statusCode(200)
                .extract().jsonPath();
    }

    String status(String id) {
        return instance(id).getString("status");
    }

    /** One task's record (name, status, started_at, ended_at, attempts, starts, completions). */
    static Map<String, Object> task(JsonPath instance, String name) {
        List<Map<String, Object>> tasks = instance.getList("tasks");
        return tasks.stream().filter(t -> name.equals(t.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no task " + name + " in " + tasks));
    }
}

package io.tenancycore.workflow.instance;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.tenancycore.commons.testing.TestTokens;
import io.tenancycore.workflow.testing.Docs;
import io.tenancycore.workflow.testing.HttpSink;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Instances of small definitions run by the reference runtime: each DSL task kind, HTTP calls, cancel, retry. */
@QuarkusTest
class InstancesTest {

    private static HttpSink sink;

    @BeforeAll
    static void startSink() {
        sink = new HttpSink();
    }

    @AfterAll
    static void stopSink() {
        sink.close();
    }

    static RequestSpecification as(String tenant) {
        return given().config(Docs.yamlAware()).auth().oauth2(TestTokens.tenantAdmin(tenant));
    }

    static void define(String tenant, String name, String tasks) {
        define(tenant, name, "", tasks);
    }

    static void define(String tenant, String name, String use, String tasks) {
        String document = Docs.yaml(name, tasks);
        if (!use.isEmpty()) {
            document = document.replaceFirst("\ndo:\n", "\n" + java.util.regex.Matcher.quoteReplacement(use) + "do:\n");
        }
        as(tenant).contentType("application/yaml").body(document)
                .put("/v1/tenants/" + tenant + "/workflows/definitions/" + name).then().log().ifValidationFails()
                .statusCode(201);
    }

    static String start(String tenant, String body) {
        return as(tenant).contentType("application/json").body(body)
                .post("/v1/tenants/" + tenant + "/workflows/instances")
                .then().statusCode(201)
                .header("Location", matchesPattern(".*/v1/tenants/" + tenant + "/workflows/instances/.+"))
                .extract().path("id");
    }

    static JsonPath instance(String tenant, String id) {
        return as(tenant).get("/v1/tenants/" + tenant + "/workflows/instances/" + id).then().statusCode(200)
                .extract().jsonPath();
    }

    static JsonPath awaitStatus(String tenant, String id, String status) {
        JsonPath[] last = new JsonPath[1];
        try {
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
                last[0] = instance(tenant, id);
                String now = last[0].getString("status");
                if (!now.equals(status) && List.of("completed", "failed", "cancelled").contains(now)) {
                    throw new AssertionError("instance ended " + now + ", not " + status + ": " + last[0].prettify());
                }
                return status.equals(now);
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("instance still " + last[0].getString("status") + ": " + last[0].prettify(), e);
        }
        return last[0];
    }

    static JsonPath awaitEnd(String tenant, String id) {
        JsonPath[] last = new JsonPath[1];
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
            last[0] = instance(tenant, id);
            return List.of("completed", "failed", "cancelled").contains(last[0].getString("status"));
        });
        return last[0];
    }

    static Map<String, Object> task(JsonPath instance, String name) {
        List<Map<String, Object>> tasks = instance.getList("tasks");
        return tasks.stream().filter(t -> name.equals(t.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no task " + name + " in " + tasks));
    }

    private static final String FLOW = """
            - init:
                set:
                  items: ${ .items }
                  mode: ${ .mode }
            - route:
                switch:
                  - sum:
                      when: ${ .mode == "sum" }
                      then: total
                  - other:
                      then: refuse
            - total:
                for:
                  each: n
                  in: ${ .items }
                do:
                  - add:
                      set:
                        items: ${ .items }
                        mode: ${ .mode }
                        total: ${ (.total // 0) + $n }
                export:
                  as: '${ { exported: true } }'
            - both:
                fork:
                  branches:
                    - left:
                        set:
                          side: left
                          total: ${ .total }
                    - right:
                        set:
                          side: right
                          total: ${ .total }
            - finish:
                set:
                  total: ${ [ .[][] | .total ] | max }
                  sides: ${ [ .[][] | .side ] | sort }
                  branches: ${ length }
                  exported: ${ $context.exported }
                then: end
            - refuse:
                raise:
                  error:
                    type: https://example.org/errors/refused
                    status: 400
                    title: mode not supported
                    detail: ${ "mode " + .mode }
            """;

    @Test
    void setSwitchForForkAndExportRunWithJq() {
        String tenant = Docs.tenant();
        define(tenant, "flow", FLOW);
        String id = start(tenant, "{\"definition\":\"flow\",\"input\":{\"items\":[1,2,3],\"mode\":\"sum\"}}");
        JsonPath done = awaitStatus(tenant, id, "completed");
        assertEquals(Integer.valueOf(6), done.get("output.total"), done.prettify());
        assertEquals(Integer.valueOf(2), done.get("output.branches"), done.prettify());
        assertEquals(Boolean.TRUE, done.get("output.exported"), done.prettify());
        assertEquals(List.of("left", "right"), done.getList("output.sides"), done.prettify());
        assertEquals("flow", done.getString("definition"));
        assertEquals(1, done.getInt("version"));
        Map<String, Object> init = task(done, "init");
        assertEquals("completed", init.get("status"));
        assertEquals("do/0/init", init.get("position"));
        assertTrue(init.get("started_at") != null && init.get("ended_at") != null && init.get("duration_ms") != null);
        assertEquals(1, init.get("attempts"));
    }

    /**
     * The runtime keeps its build of each (tenant, name, version) in this process: a definition deleted and created
     * again with another document must not come back under a version an earlier instance ran, or the new instance
     * would run the old document.
     */
    @Test
    void aDefinitionDeletedAndCreatedAgainRunsItsNewDocument() {
        String tenant = Docs.tenant();
        define(tenant, "again", """
                - say:
                    set:
                      said: old
                """);
        JsonPath first = awaitStatus(tenant, start(tenant, "{\"definition\":\"again\"}"), "completed");
        assertEquals("old", first.getString("output.said"), first.prettify());
        assertEquals(1, first.getInt("version"));
        as(tenant).delete("/v1/tenants/" + tenant + "/workflows/definitions/again").then().statusCode(204);
        define(tenant, "again", """
                - say:
                    set:
                      said: new
                """);
        JsonPath second = awaitStatus(tenant, start(tenant, "{\"definition\":\"again\"}"), "completed");
        assertEquals("new", second.getString("output.said"), second.prettify());
        // version numbers are never given twice: the name goes on after its deleted versions
        assertEquals(2, second.getInt("version"));
        as(tenant).get("/v1/tenants/" + tenant + "/workflows/definitions/again").then().statusCode(200)
                .body("version", equalTo(2)).header("ETag", "\"2\"");
        // and the first instance still names the version (and so the document) it ran
        assertEquals(1, instance(tenant, first.getString("id")).getInt("version"));
    }

    @Test
    void raiseFailsTheInstanceWithTheError() {
        String tenant = Docs.tenant();
        define(tenant, "flow", FLOW);
        String id = start(tenant, "{\"definition\":\"flow\",\"input\":{\"items\":[1],\"mode\":\"other\"}}");
        JsonPath failed = awaitStatus(tenant, id, "failed");
        assertTrue(failed.getString("error").contains("https://example.org/errors/refused"), failed.prettify());
        assertEquals("failed", task(failed, "refuse").get("status"));
        as(tenant).get("/v1/tenants/" + tenant + "/workflows/instances?status=failed").then().statusCode(200)
                .body("items.id", hasItem(id));
        as(tenant).get("/v1/tenants/" + tenant + "/workflows/instances?status=completed&definition=flow")
                .then().statusCode(200).body("items", hasSize(0));
        as(tenant).get("/v1/tenants/" + tenant + "/workflows/instances?status=bogus").then().statusCode(400);
    }

    @Test
    void aFailingCallIsRetriedWithBackoffThenCaught() {
        String tenant = Docs.tenant();
        define(tenant, "guarded", """
                use:
                  retries:
                    thrice:
                      delay:
                        milliseconds: 20
                      backoff:
                        exponential: {}
                      limit:
                        attempt:
                          count: 3
                """, """
                - guarded:
                    try:
                      - withRetry:
                          try:
                            - callIt:
                                call: http
                                with:
                                  method: get
                                  endpoint: %s
                          catch:
                            errors:
                              with:
                                type: https://serverlessworkflow.io/spec/1.0.0/errors/communication
                            retry: thrice
                    catch:
                      errors:
                        with:
                          type: https://serverlessworkflow.io/spec/1.0.0/errors/communication
                      do:
                        - handled:
                            set:
                              caught: true
                """.formatted(sink.url("/fail")));
        int before = sink.count("/fail");
        String id = start(tenant, "{\"definition\":\"guarded\"}");
        JsonPath done = awaitStatus(tenant, id, "completed");
        assertEquals(true, done.getBoolean("output.caught"), done.prettify());
        int calls = sink.count("/fail") - before;
        assertTrue(calls >= 2, "retried: " + calls + " calls");
        assertTrue((Integer) task(done, "callIt").get("attempts") >= 2, done.prettify());
        // the same step carries the same idempotency key on every attempt
        List<String> keys = sink.hits("/fail").stream().map(HttpSink.Hit::idempotencyKey)
                .filter(k -> k != null && k.startsWith(id + ":")).distinct().toList();
        assertEquals(1, keys.size(), keys.toString());
    }

    @Test
    void aCallThatGetsNoAnswerIsACommunicationErrorTheDefinitionCanCatch() throws Exception {
        String tenant = Docs.tenant();
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        define(tenant, "unreachable", """
                - guarded:
                    try:
                      - callIt:
                          call: http
                          with:
                            method: get
                            endpoint: http://127.0.0.1:%d/nobody-listens
                    catch:
                      errors:
                        with:
                          type: https://serverlessworkflow.io/spec/1.0.0/errors/communication
                          status: 503
                      do:
                        - handled:
                            set:
                              caught: true
                """.formatted(closedPort));
        String id = start(tenant, "{\"definition\":\"unreachable\"}");
        JsonPath done = awaitStatus(tenant, id, "completed");
        // caught by a filter on the communication error's type and status
        assertEquals(true, done.getBoolean("output.caught"), done.prettify());
        assertFalse(done.prettify().contains(Integer.toString(closedPort)), "the address stays out of the record");

        // uncaught, the same failure fails the instance with the DSL error, not a Java exception
        define(tenant, "unguarded", """
                - callIt:
                    call: http
                    with:
                      method: get
                      endpoint: http://127.0.0.1:%d/nobody-listens
                """.formatted(closedPort));
        JsonPath failed = awaitStatus(tenant, start(tenant, "{\"definition\":\"unguarded\"}"), "failed");
        assertEquals("https://serverlessworkflow.io/spec/1.0.0/errors/communication (status 503): the called service "
                + "could not be reached - connection failed", failed.getString("error"), failed.prettify());
        assertFalse(failed.prettify().contains(Integer.toString(closedPort)), "the address stays out of the record");
    }

    @Test
    void aTenantsCallCarriesNoTokenAndFollowsNoRedirect() {
        String tenant = Docs.tenant();
        define(tenant, "plain", """
                - callIt:
                    call: http
                    with:
                      method: get
                      endpoint: ${ .target }
                """);
        String ok = start(tenant, "{\"definition\":\"plain\",\"input\":{\"target\":\"" + sink.url("/ok") + "\"}}");
        awaitStatus(tenant, ok, "completed");
        assertTrue(sink.hits("/ok").stream().filter(h -> h.idempotencyKey() != null
                && h.idempotencyKey().startsWith(ok + ":")).allMatch(h -> h.authorization() == null));
        String redirected = start(tenant, "{\"definition\":\"plain\",\"input\":{\"target\":\""
                + sink.url("/redirect") + "\"}}");
        JsonPath ended = awaitEnd(tenant, redirected);
        assertEquals(1, sink.count("/redirect"));
        assertEquals(0, sink.count("/redirected"), "the 302 was not followed: " + ended.prettify());
    }

    @Test
    void callsOutsideTheAllowListAreRefusedAtRunTime() {
        String tenant = Docs.tenant();
        define(tenant, "computed", """
                - callIt:
                    call: http
                    with:
                      method: get
                      endpoint: ${ .target }
                """);
        String id = start(tenant, "{\"definition\":\"computed\",\"input\":{\"target\":\""
                + sink.url("/ok").replace("127.0.0.1", "localhost") + "\"}}");
        JsonPath failed = awaitStatus(tenant, id, "failed");
        assertTrue(failed.getString("error").contains("403"), failed.getString("error"));
        String allowed = start(tenant, "{\"definition\":\"computed\",\"input\":{\"target\":\"" + sink.url("/ok")
                + "\"}}");
        assertEquals(true, awaitStatus(tenant, allowed, "completed").getBoolean("output.ok"));
    }

    @Test
    void inlineWaitDurationsCountEveryUnit() {
        String tenant = Docs.tenant();
        define(tenant, "pause", """
                - pause:
                    wait:
                      seconds: 1
                      milliseconds: 100
                - after:
                    set:
                      waited: true
                """);
        String id = start(tenant, "{\"definition\":\"pause\"}");
        JsonPath done = awaitStatus(tenant, id, "completed");
        // the runtime's own wait (7.13.4) would have waited 100 ms
        assertTrue(((Number) task(done, "pause").get("duration_ms")).longValue() >= 1100, done.prettify());
    }

    @Test
    void aCancelledInstanceStops() {
        String tenant = Docs.tenant();
        define(tenant, "slow", """
                - first:
                    set:
                      step: 1
                - pause:
                    wait: PT30S
                - last:
                    set:
                      step: 3
                """);
        String id = start(tenant, "{\"definition\":\"slow\"}");
        awaitStatus(tenant, id, "waiting");
        as(tenant).post("/v1/tenants/" + tenant + "/workflows/instances/" + id + "/cancel").then().statusCode(202);
        JsonPath cancelled = awaitStatus(tenant, id, "cancelled");
        assertTrue(cancelled.getList("tasks.name").stream().noneMatch("last"::equals), cancelled.prettify());
        as(tenant).post("/v1/tenants/" + tenant + "/workflows/instances/" + id + "/cancel").then().statusCode(409);
    }

    @Test
    void aTenantRunsAtMostItsShareOfInstances() {
        String tenant = Docs.tenant();
        define(tenant, "idle", """
                - pause:
                    wait: PT1M
                """);
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(start(tenant, "{\"definition\":\"idle\"}"));
        }
        as(tenant).contentType("application/json").body("{\"definition\":\"idle\"}")
                .post("/v1/tenants/" + tenant + "/workflows/instances").then().statusCode(429)
                .header("Retry-After", "5").contentType("application/problem+json");
        for (String id : ids) {
            awaitStatus(tenant, id, "waiting");
            as(tenant).post("/v1/tenants/" + tenant + "/workflows/instances/" + id + "/cancel").then().statusCode(202);
            awaitStatus(tenant, id, "cancelled");
        }
        String again = start(tenant, "{\"definition\":\"idle\"}");
        as(tenant).post("/v1/tenants/" + tenant + "/workflows/instances/" + again + "/cancel").then().statusCode(202);
    }

    @Test
    void aFailedInstanceIsRetriedFromItsFailedTask() {
        String tenant = Docs.tenant();
        HttpSink flaky = new HttpSink();
        try {
            define(tenant, "flaky", """
                    - first:
                        set:
                          step: 1
                    - callIt:
                        call: http
                        with:
                          method: get
                          endpoint: %s
                    - last:
                        set:
                          step: 3
                          ok: ${ .ok }
                    """.formatted(flaky.url("/flaky")));
            String id = start(tenant, "{\"definition\":\"flaky\"}");
            JsonPath failed = awaitStatus(tenant, id, "failed");
            assertEquals("failed", task(failed, "callIt").get("status"));
            flaky.heal();
            as(tenant).post("/v1/tenants/" + tenant + "/workflows/instances/" + id + "/retry").then().statusCode(202);
            JsonPath done = awaitStatus(tenant, id, "completed");
            assertEquals(true, done.getBoolean("output.ok"));
            assertEquals(1, task(done, "first").get("starts"));
            assertEquals(2, flaky.count("/flaky"));
            // only a failed instance can be retried
            as(tenant).post("/v1/tenants/" + tenant + "/workflows/instances/" + id + "/retry").then().statusCode(409);
        } finally {
            flaky.close();
        }
    }

    @Test
    void theSeedsTemplateFormStartsAProvisioning() {
        String tenant = Docs.tenant();
        String body = "{\"template\":\"tenant_provisioning\",\"tenant_id\":\"" + tenant
                + "\",\"input\":{\"tenant_config\":{\"tenant_id\":\"" + tenant + "\",\"name\":\"T\"}}}";
        // a built-in template acts with the platform's authority: the tenant itself may not start it
        as(tenant).contentType("application/json").body(body).post("/v1/tenants/" + tenant + "/workflows/instances")
                .then().statusCode(403).body("type", equalTo("urn:tenancycore:problem:workflow:permission-denied"));
        String id = given().auth().oauth2(TestTokens.platformAdmin()).contentType("application/json").body(body)
                .post("/v1/tenants/" + tenant + "/workflows/instances").then().statusCode(201).extract().path("id");
        // what it then does is ProvisioningTest's (here no registry answers, so it fails at its first call)
        assertEquals("tenant_provisioning", instance(tenant, id).getString("definition"));
        as(tenant).contentType("application/json").body("{\"template\":\"nope\",\"tenant_id\":\"other_t\"}")
                .post("/v1/tenants/" + tenant + "/workflows/instances").then().statusCode(422)
                .body("violations.field", org.hamcrest.Matchers.hasItems("template", "tenant_id"));
        as(tenant).contentType("application/json").body("{\"definition\":\"missing\"}")
                .post("/v1/tenants/" + tenant + "/workflows/instances").then().statusCode(404);
    }

    @Test
    void tenantsCannotSeeOrStartEachOthersWorkflows() {
        String a = Docs.tenant();
        String b = Docs.tenant();
        define(a, "private", """
                - only:
                    set:
                      x: 1
                """);
        String id = start(a, "{\"definition\":\"private\"}");
        awaitStatus(a, id, "completed");
        as(b).get("/v1/tenants/" + a + "/workflows/instances/" + id).then().statusCode(403);
        as(b).get("/v1/tenants/" + a + "/workflows/instances").then().statusCode(403);
        as(b).contentType("application/json").body("{\"definition\":\"private\"}")
                .post("/v1/tenants/" + a + "/workflows/instances").then().statusCode(403);
        as(b).post("/v1/tenants/" + a + "/workflows/instances/" + id + "/cancel").then().statusCode(403);
        as(b).contentType("application/json").body("{\"definition\":\"private\"}")
                .post("/v1/tenants/" + b + "/workflows/instances").then().statusCode(404);
        as(b).get("/v1/tenants/" + b + "/workflows/instances/" + id).then().statusCode(404);
        // an auditor may read but not start
        given().auth().oauth2(TestTokens.token("auditor@" + a, a, "auditor")).contentType("application/json")
                .body("{\"definition\":\"private\"}").post("/v1/tenants/" + a + "/workflows/instances")
                .then().statusCode(403);
        given().auth().oauth2(TestTokens.token("auditor@" + a, a, "auditor"))
                .get("/v1/tenants/" + a + "/workflows/instances/" + id).then().statusCode(200)
                .body("status", equalTo("completed"));
    }
}

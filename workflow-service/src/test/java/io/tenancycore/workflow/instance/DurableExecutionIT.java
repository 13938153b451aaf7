package io.tenancycore.workflow.instance;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.tenancycore.commons.events.EventTypes;
import io.tenancycore.commons.events.Topics;
import io.tenancycore.commons.testing.TestTokens;
import io.tenancycore.commons.testsupport.TopicTail;
import io.tenancycore.commons.testsupport.ServiceProcess;
import io.tenancycore.workflow.testing.Docs;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Two real replicas (separate processes on the same Redis and Kafka): an instance started on the first is killed
 * (SIGKILL) in the middle of its {@code wait}; the second, which left it alone while the first held its lease, resumes
 * it once the lease expires, and it finishes with each task run once and the wait's deadline kept. Before that, a
 * cancel asked of the second replica stops an instance the first one runs (its heartbeat delivers it), and the
 * lifecycle events reach {@code tenancy.workflow-events} on the real broker, one start only.
 */
class DurableExecutionIT {

    private static final Map<String, String> REPLICA = Map.of(
            "tenancy.tenant-status.source", "none",
            "tenancy.workflow.runner.lease-ttl", "3s",
            "tenancy.workflow.runner.heartbeat", "1s",
            "tenancy.workflow.runner.scan-interval", "1s",
            "tenancy.workflow.http.external.allowed-hosts", "127.0.0.1",
            "tenancy.workflow.http.external.exempt-addresses", "127.0.0.1");

    private static RequestSpecification on(ServiceProcess replica, String tenant) {
        return given().config(Docs.yamlAware()).baseUri(replica.baseUrl())
                .auth().oauth2(TestTokens.tenantAdmin(tenant));
    }

    private static JsonPath instance(ServiceProcess replica, String tenant, String id) {
        return on(replica, tenant).get("/v1/tenants/" + tenant + "/workflows/instances/" + id)
                .then().statusCode(200).extract().jsonPath();
    }

    private static Map<String, Object> task(JsonPath instance, String name) {
        List<Map<String, Object>> tasks = instance.getList("tasks");
        return tasks.stream().filter(t -> name.equals(t.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no task " + name + " in " + tasks));
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Predicate<ConsumerRecord<String, byte[]>> event(String id, String type) {
        return record -> id.equals(header(record, "ce_subject")) && type.equals(header(record, "ce_type"));
    }

    @Test
    void anInstanceKilledDuringAWaitFinishesOnAnotherReplicaWithEachTaskRunOnce() {
        String tenant = Docs.tenant();
        ServiceProcess first = ServiceProcess.start("workflow-it-a", REPLICA);
        try (ServiceProcess second = ServiceProcess.start("workflow-it-b", REPLICA);
                TopicTail events = TopicTail.fromBeginning(Topics.WORKFLOW_EVENTS)) {
            // a cancel asked of the replica that does not run the instance
            on(first, tenant).contentType("application/yaml").body(Docs.yaml("long", """
                    - pause:
                        wait: PT1M
                    """)).put("/v1/tenants/" + tenant + "/workflows/definitions/long").then().statusCode(201);
            String waiting = on(first, tenant).contentType("application/json").body("{\"definition\":\"long\"}")
                    .post("/v1/tenants/" + tenant + "/workflows/instances").then().statusCode(201)
                    .extract().path("id");
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                    .until(() -> "waiting".equals(instance(second, tenant, waiting).getString("status")));
            on(second, tenant).post("/v1/tenants/" + tenant + "/workflows/instances/" + waiting + "/cancel")
                    .then().statusCode(202);
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                    .until(() -> "cancelled".equals(instance(second, tenant, waiting).getString("status")));
            events.await(event(waiting, EventTypes.WORKFLOW_CANCELLED));

            on(first, tenant).contentType("application/yaml").body(Docs.yaml("durable", """
                    - before:
                        set:
                          step: 1
                          who: ${ .who }
                    - pause:
                        wait: PT5S
                    - after:
                        set:
                          step: 3
                          who: ${ .who }
                    """)).put("/v1/tenants/" + tenant + "/workflows/definitions/durable").then().statusCode(201);
            String id = on(first, tenant).contentType("application/json")
                    .body("{\"definition\":\"durable\",\"input\":{\"who\":\"ada\"}}")
                    .post("/v1/tenants/" + tenant + "/workflows/instances").then().statusCode(201)
                    .extract().path("id");
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                    .until(() -> "waiting".equals(instance(first, tenant, id).getString("status")));
            Instant waitStarted = Instant.parse((String) task(instance(first, tenant, id), "pause").get("started_at"));

            first.kill();

            await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(250))
                    .until(() -> "completed".equals(instance(second, tenant, id).getString("status")));
            JsonPath done = instance(second, tenant, id);
            assertEquals(3, done.getInt("output.step"));
            assertEquals("ada", done.getString("output.who"));
            assertEquals(1, done.getInt("resumed_count"), "resumed once, by the second replica");
            Map<String, Object> before = task(done, "before");
            Map<String, Object> pause = task(done, "pause");
            Map<String, Object> after = task(done, "after");
            assertEquals(1, before.get("starts"), "the task completed before the kill is not run again");
            assertEquals(1, before.get("completions"));
            assertEquals(1, pause.get("completions"));
            assertEquals(1, after.get("starts"));
            assertEquals(1, after.get("completions"));
            // the wait kept its deadline: it ended 5 s after it first started, not 5 s after the resume
            Instant waitEnded = Instant.parse((String) pause.get("ended_at"));
            assertEquals(waitStarted, Instant.parse((String) pause.get("started_at")));
            assertTrue(!waitEnded.isBefore(waitStarted.plusSeconds(5)), "waited the whole duration");

            ConsumerRecord<String, byte[]> started = events.await(event(id, EventTypes.WORKFLOW_STARTED));
            assertEquals(tenant, started.key());
            events.await(event(id, EventTypes.WORKFLOW_COMPLETED));
            events.assertNone(event(id, EventTypes.WORKFLOW_STARTED), Duration.ofSeconds(1));
        } finally {
            first.kill();
        }
    }
}

package io.tenancycore.workflow.instance;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.tenancycore.commons.events.Topics;
import io.tenancycore.commons.testing.TestTokens;
import io.tenancycore.commons.testsupport.ServiceProcess;
import io.tenancycore.commons.testsupport.TopicTail;
import io.tenancycore.workflow.testing.Docs;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * {@code emit} and {@code listen} over the real broker, between real replicas (separate processes on the same Redis
 * and Kafka): an emit on one replica wakes a listen of the same tenant on another, never another tenant's; an event
 * published on {@code tenancy.events.*} by someone else (as the gateway's publish API writes it) wakes a listen; and a
 * listen whose replica was killed still hears an event published while no replica ran it, once its instance resumes
 * on a replica started afterwards.
 */
class EmitListenIT {

    private static final Map<String, String> REPLICA = Map.of(
            "tenancy.tenant-status.source", "none",
            "tenancy.workflow.runner.lease-ttl", "3s",
            "tenancy.workflow.runner.heartbeat", "1s",
            "tenancy.workflow.runner.scan-interval", "1s",
            "tenancy.workflow.events.replay-interval", "1s",
            // a killed replica leaves the service's event-log group after 6 s (the broker's minimum), not 45 s
            "mp.messaging.incoming.workflow-event-log.session.timeout.ms", "6000");

    private static final String LISTENER = """
            - wait:
                listen:
                  to:
                    one:
                      with:
                        type: io.example.ping
            """;

    private static RequestSpecification on(ServiceProcess replica, String tenant) {
        return given().config(Docs.yamlAware()).baseUri(replica.baseUrl())
                .auth().oauth2(TestTokens.tenantAdmin(tenant));
    }

    private static void define(ServiceProcess replica, String tenant, String name, String tasks) {
        on(replica, tenant).contentType("application/yaml").body(Docs.yaml(name, tasks))
                .put("/v1/tenants/" + tenant + "/workflows/definitions/" + name).then().statusCode(201);
    }

    private static String start(ServiceProcess replica, String tenant, String body) {
        return on(replica, tenant).contentType("application/json").body(body)
                .post("/v1/tenants/" + tenant + "/workflows/instances").then().statusCode(201).extract().path("id");
    }

    private static JsonPath instance(ServiceProcess replica, String tenant, String id) {
        return on(replica, tenant).get("/v1/tenants/" + tenant + "/workflows/instances/" + id)
                .then().statusCode(200).extract().jsonPath();
    }

    private static String taskStatus(ServiceProcess replica, String tenant, String id, String task) {
        List<Map<String, Object>> tasks = instance(replica, tenant, id).getList("tasks");
        return tasks.stream().filter(t -> task.equals(t.get("name"))).map(t -> (String) t.get("status"))
                .findFirst().orElse(null);
    }

    /** Waits for {@code status}; another final status fails at once, with the instance as it ended. */
    private static void awaitStatus(ServiceProcess replica, String tenant, String id, String status) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> {
            JsonPath now = instance(replica, tenant, id);
            String current = now.getString("status");
            if (!status.equals(current) && List.of("completed", "failed", "cancelled").contains(current)) {
                throw new AssertionError("instance " + id + " ended " + current + ": " + now.prettify());
            }
            return status.equals(current);
        });
    }

    /** The listen task started: its registration is made and its wait journaled. */
    private static void awaitListening(ServiceProcess replica, String tenant, String id) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> "running".equals(taskStatus(replica, tenant, id, "wait")));
    }

    /** A CloudEvent in Kafka binary mode, as the gateway's publish API writes it. */
    private static void publish(String tenant, String type, String json) throws Exception {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, System.getProperty("kafka.bootstrap.servers",
                "localhost:9092"));
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            var record = new ProducerRecord<String, byte[]>(Topics.EVENTS_NORMAL, tenant,
                    json.getBytes(StandardCharsets.UTF_8));
            record.headers().add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8))
                    .add("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8))
                    .add("ce_source", "https://client.example/app".getBytes(StandardCharsets.UTF_8))
                    .add("ce_type", type.getBytes(StandardCharsets.UTF_8))
                    .add("ce_tenantid", tenant.getBytes(StandardCharsets.UTF_8))
                    .add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
            producer.send(record).get(30, TimeUnit.SECONDS);
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Test
    void anEmitOnOneReplicaWakesAListenOfTheSameTenantOnAnotherAndSoDoesAGatewayEvent() throws Exception {
        String tenant = Docs.tenant();
        String other = Docs.tenant();
        try (ServiceProcess first = ServiceProcess.start("workflow-emit-a", REPLICA);
                ServiceProcess second = ServiceProcess.start("workflow-emit-b", REPLICA);
                TopicTail bus = new TopicTail(Topics.EVENTS_NORMAL)) {
            define(second, tenant, "listener", LISTENER);
            define(second, other, "listener", LISTENER);
            // the other tenant's event claims to be the listening tenant's: the stamp makes it the other's
            String emitter = """
                    - ping:
                        emit:
                          event:
                            with:
                              source: https://example.io/pinger
                              type: io.example.ping
                              tenantid: %s
                              data:
                                from: ${ .from }
                    """;
            define(first, tenant, "emitter", emitter.formatted(tenant));
            define(first, other, "emitter", emitter.formatted(tenant));

            // instances start on the replica asked: the listens wait on the second
            String listens = start(second, tenant, "{\"definition\":\"listener\"}");
            String otherListens = start(second, other, "{\"definition\":\"listener\"}");
            awaitListening(second, tenant, listens);
            awaitListening(second, other, otherListens);

            String emitted = start(first, other, "{\"definition\":\"emitter\",\"input\":{\"from\":\"other\"}}");
            awaitStatus(first, other, emitted, "completed");
            awaitStatus(second, other, otherListens, "completed");
            ConsumerRecord<String, byte[]> record = bus.await(r -> other.equals(r.key()));
            assertEquals(other, header(record, "ce_tenantid"));
            assertEquals("io.example.ping", header(record, "ce_type"));
            assertEquals("https://example.io/pinger", header(record, "ce_source"));
            assertEquals("running", instance(second, tenant, listens).getString("status"),
                    "a listen heard another tenant's event");

            String own = start(first, tenant, "{\"definition\":\"emitter\",\"input\":{\"from\":\"own\"}}");
            awaitStatus(first, tenant, own, "completed");
            awaitStatus(second, tenant, listens, "completed");
            assertTrue(instance(second, tenant, listens).prettify().contains("\"from\": \"own\""));

            // an event published by someone else on the same topic
            String again = start(first, tenant, "{\"definition\":\"listener\"}");
            awaitListening(first, tenant, again);
            publish(tenant, "io.example.ping", "{\"from\":\"gateway\"}");
            awaitStatus(first, tenant, again, "completed");
            assertTrue(instance(first, tenant, again).prettify().contains("\"from\": \"gateway\""));
        }
    }

    @Test
    void aListenHearsAnEventPublishedWhileNoReplicaRanIt() throws Exception {
        String tenant = Docs.tenant();
        ServiceProcess first = ServiceProcess.start("workflow-listen-a", REPLICA);
        try {
            define(first, tenant, "listener", LISTENER + """
                    - after:
                        set:
                          heard: ${ . }
                    """);
            String id = start(first, tenant, "{\"definition\":\"listener\"}");
            awaitListening(first, tenant, id);

            first.kill();
            publish(tenant, "io.example.ping", "{\"from\":\"meanwhile\"}");

            try (ServiceProcess restarted = ServiceProcess.start("workflow-listen-b", REPLICA)) {
                awaitStatus(restarted, tenant, id, "completed");
                JsonPath done = instance(restarted, tenant, id);
                assertTrue(done.prettify().contains("\"from\": \"meanwhile\""), done.prettify());
                assertEquals(1, done.getInt("resumed_count"));
            }
        } finally {
            first.kill();
        }
    }
}

package io.tenancycore.workflow.instance;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.tenancycore.commons.events.EventPublisher;
import io.tenancycore.commons.events.EventTypes;
import io.tenancycore.commons.events.Topics;
import io.tenancycore.workflow.testing.Docs;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

/** Instance lifecycle events on tenancy.workflow-events and the workflow metrics. */
@QuarkusTest
class WorkflowMonitoringTest {

    @Inject
    @Any
    InMemoryConnector connector;

    @Inject
    MeterRegistry registry;

    private List<String> typesOf(String instanceId) {
        return connector.sink(EventPublisher.CHANNEL).received().stream()
                .filter(m -> m.getMetadata(OutgoingKafkaRecordMetadata.class)
                        .map(k -> Topics.WORKFLOW_EVENTS.equals(k.getTopic())).orElse(false))
                .filter(m -> m.getMetadata(OutgoingCloudEventMetadata.class)
                        .map(ce -> instanceId.equals(ce.getSubject().orElse(null))).orElse(false))
                .map(m -> m.getMetadata(OutgoingCloudEventMetadata.class).orElseThrow().getType())
                .toList();
    }

    private String payloadOf(String instanceId, String type) {
        Message<?> message = connector.sink(EventPublisher.CHANNEL).received().stream()
                .filter(m -> m.getMetadata(OutgoingCloudEventMetadata.class)
                        .map(ce -> instanceId.equals(ce.getSubject().orElse(null)) && type.equals(ce.getType()))
                        .orElse(false))
                .findFirst().orElseThrow();
        return new String((byte[]) message.getPayload(), StandardCharsets.UTF_8);
    }

    private double count(String name, String definition) {
        return registry.find(name).tag("definition", definition).counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }

    @Test
    void startsAndEndsArePublishedAndCounted() {
        String tenant = Docs.tenant();
        String ok = "mon" + UUID.randomUUID().toString().substring(0, 8);
        String bad = "bad" + UUID.randomUUID().toString().substring(0, 8);
        InstancesTest.define(tenant, ok, """
                - only:
                    set:
                      x: 1
                """);
        InstancesTest.define(tenant, bad, """
                - boom:
                    raise:
                      error:
                        type: https://example.org/boom
                        status: 500
                        title: boom
                        detail: boom
                """);
        String completed = InstancesTest.start(tenant, "{\"definition\":\"" + ok + "\"}");
        String failed = InstancesTest.start(tenant, "{\"definition\":\"" + bad + "\"}");
        InstancesTest.awaitStatus(tenant, completed, "completed");
        InstancesTest.awaitStatus(tenant, failed, "failed");

        await().atMost(Duration.ofSeconds(10)).until(() -> typesOf(completed).size() == 2
                && typesOf(failed).size() == 2);
        assertEquals(List.of(EventTypes.WORKFLOW_STARTED, EventTypes.WORKFLOW_COMPLETED), typesOf(completed));
        assertEquals(List.of(EventTypes.WORKFLOW_STARTED, EventTypes.WORKFLOW_FAILED), typesOf(failed));
        String data = payloadOf(failed, EventTypes.WORKFLOW_FAILED);
        assertTrue(data.contains("\"instance_id\":\"" + failed + "\"") && data.contains("\"status\":\"failed\"")
                && data.contains("https://example.org/boom"), data);

        assertEquals(1.0, count("workflow.instances.started", ok));
        assertEquals(1.0, count("workflow.instances.completed", ok));
        assertEquals(1.0, count("workflow.instances.failed", bad));
        assertEquals(1L, registry.find("workflow.instance.duration").tag("definition", ok).timer().count());
        assertEquals(0.0, registry.find("workflow.instances.active").tag("definition", ok).gauge().value());
    }

    @Test
    void aCancelIsPublished() {
        String tenant = Docs.tenant();
        InstancesTest.define(tenant, "idle", """
                - pause:
                    wait: PT1M
                """);
        String id = InstancesTest.start(tenant, "{\"definition\":\"idle\"}");
        InstancesTest.awaitStatus(tenant, id, "waiting");
        assertEquals(1.0, registry.find("workflow.instances.active").tag("definition", "idle").gauges().stream()
                .mapToDouble(g -> g.value()).sum());
        InstancesTest.as(tenant).post("/v1/tenants/" + tenant + "/workflows/instances/" + id + "/cancel")
                .then().statusCode(202);
        InstancesTest.awaitStatus(tenant, id, "cancelled");
        await().atMost(Duration.ofSeconds(10)).until(() -> typesOf(id).contains(EventTypes.WORKFLOW_CANCELLED));
    }

    @Inject
    io.quarkus.redis.datasource.RedisDataSource redis;

    private double active(String definition) {
        return registry.find("workflow.instances.active").tag("definition", definition).gauges().stream()
                .mapToDouble(g -> g.value()).sum();
    }

    @Test
    void theActiveGaugeCountsDownWhenTheLeaseIsLost() {
        String tenant = Docs.tenant();
        String name = "held" + UUID.randomUUID().toString().substring(0, 8);
        InstancesTest.define(tenant, name, """
                - pause:
                    wait: PT1M
                """);
        String id = InstancesTest.start(tenant, "{\"definition\":\"" + name + "\"}");
        InstancesTest.awaitStatus(tenant, id, "waiting");
        assertEquals(1.0, active(name));
        // another owner takes the lease (as a replica would after this one stalled): this replica stops its copy
        String lease = io.tenancycore.commons.redis.TenantKeys.key("workflow", tenant, "lease:" + id);
        redis.value(String.class).set(lease, "another-replica",
                new io.quarkus.redis.datasource.value.SetArgs().ex(Duration.ofSeconds(60)));
        await().atMost(Duration.ofSeconds(10)).until(() -> active(name) == 0.0);
        // given back, the instance is resumed here, counted once, and can be cancelled
        redis.key().del(lease);
        await().atMost(Duration.ofSeconds(10)).until(() -> active(name) == 1.0);
        InstancesTest.as(tenant).post("/v1/tenants/" + tenant + "/workflows/instances/" + id + "/cancel")
                .then().statusCode(202);
        InstancesTest.awaitStatus(tenant, id, "cancelled");
        await().atMost(Duration.ofSeconds(10)).until(() -> active(name) == 0.0);
    }
}

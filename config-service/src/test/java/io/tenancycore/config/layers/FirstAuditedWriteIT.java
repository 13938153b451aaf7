package io.tenancycore.config.layers;

import static io.tenancycore.config.testing.Fixtures.uniqueTenant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.tenancycore.commons.events.Topics;
import io.tenancycore.commons.testing.TestTokens;
import io.tenancycore.commons.testsupport.Infra;
import io.tenancycore.commons.testsupport.RealBroker;
import io.tenancycore.commons.testsupport.TopicTail;
import io.tenancycore.config.testing.FakeSecurityService;
import io.tenancycore.config.testing.Replica;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * A freshly started service whose audit topic did not exist creates it while it starts, so its first audited write
 * never waits for the topic's metadata (it used to take ~10.8 s: the first publish blocked until the producer gave
 * up), and every write's audit record says what happened to it. How fast the writes are is the benchmarks' business;
 * this checks the mechanism.
 */
@QuarkusTest
@TestProfile(RealBroker.class)
@QuarkusTestResource(value = FakeSecurityService.class, restrictToAnnotatedClass = false)
class FirstAuditedWriteIT {

    @ConfigProperty(name = "quarkus.rest-client.security-service.url")
    String securityUrl;

    @Test
    void aFreshServiceCreatesItsAuditTopicBeforeTheFirstWriteAndAuditsEveryWriteAsSuccess() throws Exception {
        deleteAuditTopic();
        String tenant = uniqueTenant("first");
        try (Replica fresh = Replica.fresh(securityUrl, "config-it-first-write")) {
            try (Admin admin = Infra.admin()) {
                assertTrue(admin.listTopics().names().get().contains(Topics.AUDIT),
                        Topics.AUDIT + " exists once the service is up, before anything was audited");
            }
            write(fresh, tenant, "first.key");
            write(fresh, tenant, "second.key");
            try (TopicTail tail = TopicTail.fromBeginning(Topics.AUDIT)) {
                Set<Long> seen = new java.util.HashSet<>();
                for (String write : List.of("first", "second")) {
                    ConsumerRecord<String, byte[]> audit = tail.await(record -> !seen.contains(record.offset())
                            && body(record).contains(tenant) && body(record).contains("config.put"));
                    seen.add(audit.offset());
                    JsonNode record = Infra.mapper().readTree(audit.value());
                    assertEquals("success", record.get("outcome").asText(), "audit of the " + write + " write");
                }
            }
        }
    }

    private static void write(Replica replica, String tenant, String key) {
        given(replica, tenant).contentType("application/json").body("{\"value\": 1}")
                .put("/v1/tenants/" + tenant + "/config/keys/" + key)
                .then().statusCode(201);
    }

    private static io.restassured.specification.RequestSpecification given(Replica replica, String tenant) {
        return RestAssured.given().baseUri(replica.baseUrl()).port(-1)
                .header("Authorization", TestTokens.bearer(TestTokens.tenantAdmin(tenant)));
    }

    /** The condition of the original finding: the service starts while its audit topic does not exist. */
    private static void deleteAuditTopic() {
        try (Admin admin = Infra.admin()) {
            admin.deleteTopics(Set.of(Topics.AUDIT)).all().get();
            Awaitility.await("tenancy.audit deleted").atMost(Duration.ofSeconds(20))
                    .until(() -> !admin.listTopics().names().get().contains(Topics.AUDIT));
        } catch (Exception e) {
            if (!(e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException)) {
                throw new IllegalStateException("could not delete " + Topics.AUDIT, e);
            }
        }
    }

    private static String body(ConsumerRecord<String, byte[]> record) {
        return record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8);
    }
}

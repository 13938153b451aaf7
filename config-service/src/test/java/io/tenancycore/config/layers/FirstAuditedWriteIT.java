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
 * The first audited write of a freshly started service is as fast as the second, even when {@code tenancy.audit}
 * did not exist before the start (it used to take ~10.8 s: the first publish waited for the topic's metadata), and
 * both audit records say what happened to the write.
 */
@QuarkusTest
@TestProfile(RealBroker.class)
@QuarkusTestResource(value = FakeSecurityService.class, restrictToAnnotatedClass = false)
class FirstAuditedWriteIT {

    private static final Duration GENEROUS_BOUND = Duration.ofSeconds(3);

    @ConfigProperty(name = "quarkus.rest-client.security-service.url")
    String securityUrl;

    @Test
    void firstAuditedWriteAfterStartIsAsFastAsTheSecondAndBothAreAuditedAsSuccess() throws Exception {
        deleteAuditTopic();
        String tenant = uniqueTenant("first");
        try (Replica fresh = Replica.fresh(securityUrl, "config-it-first-write")) {
            // one unaudited read first, so the measurement is about the audited write, not the JVM's first request
            given(fresh, tenant).get("/v1/tenants/" + tenant + "/config/keys/first.key").then()
                    .statusCode(org.hamcrest.Matchers.lessThan(500));
            long first = timedWrite(fresh, tenant, "first.key");
            long second = timedWrite(fresh, tenant, "second.key");

            String timings = "first audited write " + first + " ms, second " + second + " ms";
            assertTrue(first < GENEROUS_BOUND.toMillis(), timings);
            assertTrue(second < GENEROUS_BOUND.toMillis(), timings);
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

    private static long timedWrite(Replica replica, String tenant, String key) {
        long started = System.nanoTime();
        given(replica, tenant).contentType("application/json").body("{\"value\": 1}")
                .put("/v1/tenants/" + tenant + "/config/keys/" + key)
                .then().statusCode(201);
        return Duration.ofNanos(System.nanoTime() - started).toMillis();
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

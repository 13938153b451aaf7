package io.tenancycore.workflow.calls;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.tenancycore.commons.events.EventPublisher;
import io.tenancycore.commons.events.Topics;
import io.tenancycore.commons.testing.TestTokens;
import io.tenancycore.workflow.testing.Docs;
import io.tenancycore.workflow.testing.HttpSink;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A tenant's definition cannot reach our services, loopback, link-local or private addresses (SSRF), with the
 * production policy: no address exempted, and an operator's allow-list that (wrongly) names internal targets — the
 * address check still refuses them. Literal endpoints are 422 at upload; computed ones fail the task at run time,
 * without the request leaving the process, and each refusal is audited.
 */
@QuarkusTest
@TestProfile(CallPolicyTest.ProductionPolicy.class)
class CallPolicyTest {

    public static class ProductionPolicy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "tenancy.workflow.http.external.allowed-hosts",
                    "127.0.0.1,localhost,169.254.169.254,config-service,security-service,10.0.0.1",
                    "tenancy.workflow.http.external.exempt-addresses", "");
        }
    }

    private static HttpSink sink;

    @Inject
    @Any
    InMemoryConnector connector;

    @BeforeAll
    static void startSink() {
        sink = new HttpSink();
    }

    @AfterAll
    static void stopSink() {
        sink.close();
    }

    private static RequestSpecification as(String tenant) {
        return given().config(Docs.yamlAware()).auth().oauth2(TestTokens.tenantAdmin(tenant));
    }

    private static String calling(String name, String endpoint) {
        return Docs.yaml(name, """
                - callIt:
                    call: http
                    with:
                      method: get
                      endpoint: %s
                """.formatted(endpoint));
    }

    @Test
    void literalInternalTargetsAreRefusedAtUpload() {
        String tenant = Docs.tenant();
        Map<String, String> targets = Map.of(
                "internal", "http://config-service:8081/v1/tenants/other/config",
                "loopback", "http://127.0.0.1:8082/v1/auth/token",
                "localname", "http://localhost:8081/v1/tenants",
                "metadata", "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
                "private", "http://10.0.0.1/admin",
                "scheme", "svc://config-service/v1/tenants/other/config");
        targets.forEach((name, endpoint) -> as(tenant).contentType("application/yaml").body(calling(name, endpoint))
                .put("/v1/tenants/" + tenant + "/workflows/definitions/" + name)
                .then().log().ifValidationFails().statusCode(422)
                .body("violations.code", hasItems("call_target_not_allowed"))
                .body("violations.field", hasItems("do[0].callIt.with.endpoint")));
    }

    @Test
    void computedInternalTargetsFailTheTaskAtRunTimeAndAreAudited() {
        String tenant = Docs.tenant();
        as(tenant).contentType("application/yaml").body(calling("computed", "${ .target }"))
                .put("/v1/tenants/" + tenant + "/workflows/definitions/computed").then().statusCode(201);
        Map<String, String> targets = Map.of(
                sink.url("/ok"), "loopback",
                sink.url("/ok").replace("127.0.0.1", "localhost"), "service of this platform",
                "http://169.254.169.254/latest/meta-data/", "link-local",
                "http://config-service:8081/v1/tenants/" + tenant + "/config", "service of this platform",
                "http://10.0.0.1/", "private");
        targets.forEach((target, reason) -> {
            String id = as(tenant).contentType("application/json")
                    .body(Map.of("definition", "computed", "input", Map.of("target", target)))
                    .post("/v1/tenants/" + tenant + "/workflows/instances").then().statusCode(201).extract().path("id");
            JsonPath failed = awaitEnd(tenant, id);
            assertEquals("failed", failed.getString("status"), failed.prettify());
            String error = failed.getString("error");
            assertTrue(error.contains("call refused") && error.contains(reason), target + " -> " + error);
        });
        assertEquals(0, sink.count("/ok"), "no refused request reached the sink");
        await().atMost(Duration.ofSeconds(10)).until(() -> audited(tenant).size() >= targets.size());
        assertTrue(audited(tenant).stream().allMatch(r -> r.contains("\"outcome\":\"denied\"")));
    }

    private List<String> audited(String tenant) {
        return connector.sink(EventPublisher.CHANNEL).received().stream()
                .filter(m -> m.getMetadata(OutgoingKafkaRecordMetadata.class)
                        .map(k -> Topics.AUDIT.equals(k.getTopic())).orElse(false))
                .map(m -> new String((byte[]) m.getPayload(), StandardCharsets.UTF_8))
                .filter(p -> p.contains(CallRefusals.ACTION) && p.contains(tenant))
                .toList();
    }

    private static JsonPath awaitEnd(String tenant, String id) {
        JsonPath[] last = new JsonPath[1];
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
            last[0] = as(tenant).get("/v1/tenants/" + tenant + "/workflows/instances/" + id).then().statusCode(200)
                    .extract().jsonPath();
            return List.of("completed", "failed", "cancelled").contains(last[0].getString("status"));
        });
        return last[0];
    }
}

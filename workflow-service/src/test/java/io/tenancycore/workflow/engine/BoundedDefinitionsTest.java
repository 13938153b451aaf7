package io.tenancycore.workflow.engine;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.tenancycore.commons.testing.TestTokens;
import io.tenancycore.workflow.testing.Docs;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A process keeps at most {@code definitions.runtime-cache-size} definitions built by the runtime, the runtime's own
 * map included, however many versions tenants run; each still runs its own document.
 */
@QuarkusTest
@TestProfile(BoundedDefinitionsTest.TwoBuilds.class)
class BoundedDefinitionsTest {

    private static final int BOUND = 2;

    public static class TwoBuilds implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tenancy.workflow.definitions.runtime-cache-size", Integer.toString(BOUND));
        }
    }

    @Inject
    WorkflowEngine engine;

    private static RequestSpecification as(String tenant) {
        return given().config(Docs.yamlAware()).auth().oauth2(TestTokens.tenantAdmin(tenant));
    }

    @Test
    void moreDefinitionsThanTheBoundEachRunTheirOwnDocument() {
        String tenant = Docs.tenant();
        int definitions = 5;
        long renewalsBefore = engine.tenantDefinitions().renewals();
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < definitions; i++) {
                if (round == 0) {
                    as(tenant).contentType("application/yaml").body(Docs.yaml("def" + i, """
                            - mark:
                                set:
                                  mark: %d
                            """.formatted(i)))
                            .put("/v1/tenants/" + tenant + "/workflows/definitions/def" + i).then().statusCode(201);
                }
                String id = as(tenant).contentType("application/json").body("{\"definition\":\"def" + i + "\"}")
                        .post("/v1/tenants/" + tenant + "/workflows/instances").then().statusCode(201)
                        .extract().path("id");
                JsonPath done = awaitEnd(tenant, id);
                assertEquals("completed", done.getString("status"), done.prettify());
                assertEquals(i, done.getInt("output.mark"), done.prettify());
                BuiltDefinitions built = engine.tenantDefinitions();
                assertTrue(built.size() <= BOUND, "builds kept: " + built.size());
                assertTrue(built.application().workflowDefinitions().size() <= BOUND,
                        "in the runtime: " + built.application().workflowDefinitions().keySet());
            }
        }
        // ten builds, two per application: four new applications after the first
        assertTrue(engine.tenantDefinitions().renewals() - renewalsBefore >= 4,
                "renewed " + (engine.tenantDefinitions().renewals() - renewalsBefore) + " times");
    }

    private static JsonPath awaitEnd(String tenant, String id) {
        JsonPath[] last = new JsonPath[1];
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
            last[0] = as(tenant).get("/v1/tenants/" + tenant + "/workflows/instances/" + id).then().statusCode(200)
                    .extract().jsonPath();
            return java.util.List.of("completed", "failed", "cancelled").contains(last[0].getString("status"));
        });
        return last[0];
    }
}

package io.tenancycore.workflow.definition;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.tenancycore.commons.testing.TestTokens;
import io.tenancycore.commons.validation.DocumentFormat;
import io.tenancycore.commons.validation.JsonSchemaValidator;
import io.tenancycore.workflow.testing.Docs;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Starting an instance uses the definition Redis holds at that moment although each replica keeps definitions in
 * memory ({@link DefinitionCache}): versions saved here, and versions saved, deleted or recreated by another replica
 * (written straight to the store here, so this replica's cache is never told).
 */
@QuarkusTest
class DefinitionsAtStartTest {

    @Inject
    DefinitionStore store;

    @Inject
    JsonSchemaValidator parser;

    @Test
    void aNewVersionSavedHereIsRunByTheNextStart() {
        String tenant = Docs.tenant();
        put(tenant, "greeting", "hello");
        assertEquals("hello", run(tenant, "greeting").getString("output.greeting"));
        put(tenant, "greeting", "bonjour");
        JsonPath done = run(tenant, "greeting");
        assertEquals("bonjour", done.getString("output.greeting"));
        assertEquals(2, done.getInt("version"));
    }

    @Test
    void aNewVersionSavedByAnotherReplicaIsRunByTheNextStart() throws Exception {
        String tenant = Docs.tenant();
        put(tenant, "greeting", "hello");
        assertEquals("hello", run(tenant, "greeting").getString("output.greeting"));
        saveElsewhere(tenant, "greeting", "hallo");
        JsonPath done = run(tenant, "greeting");
        assertEquals("hallo", done.getString("output.greeting"));
        assertEquals(2, done.getInt("version"));
        // an explicit version still runs that version's document
        assertEquals("hello", runVersion(tenant, "greeting", 1).getString("output.greeting"));
    }

    @Test
    void aDefinitionDeletedAndRecreatedByAnotherReplicaRunsItsNewDocument() throws Exception {
        String tenant = Docs.tenant();
        put(tenant, "greeting", "hello");
        assertEquals("hello", runVersion(tenant, "greeting", 1).getString("output.greeting"));
        assertEquals("hello", run(tenant, "greeting").getString("output.greeting"));
        assertEquals(1, store.delete(tenant, "greeting", -1, 10));
        saveElsewhere(tenant, "greeting", "ciao");
        // the name goes on at version 2 (a version is never given to two documents: this process still holds the
        // runtime's build of version 1), and version 1 is gone with the deleted definition
        JsonPath latest = run(tenant, "greeting");
        assertEquals(2, latest.getInt("version"));
        assertEquals("ciao", latest.getString("output.greeting"));
        as(tenant).contentType("application/json").body("{\"definition\":\"greeting\",\"version\":1}")
                .post("/v1/tenants/" + tenant + "/workflows/instances").then().statusCode(404);
    }

    @Test
    void aDefinitionDeletedByAnotherReplicaStartsNothing() {
        String tenant = Docs.tenant();
        put(tenant, "greeting", "hello");
        assertEquals("hello", run(tenant, "greeting").getString("output.greeting"));
        assertEquals(1, store.delete(tenant, "greeting", -1, 10));
        as(tenant).contentType("application/json").body("{\"definition\":\"greeting\",\"input\":{\"who\":\"x\"}}")
                .post("/v1/tenants/" + tenant + "/workflows/instances").then().statusCode(404);
    }

    private void saveElsewhere(String tenant, String name, String greeting) throws Exception {
        JsonNode document = parser.parse(Docs.hello(name, greeting), DocumentFormat.YAML);
        store.save(tenant, new Definition(name, 0, "1.0.0", false, Instant.now(), DefinitionService.digest(document),
                document), -1, 10, 100);
    }

    private static RequestSpecification as(String tenant) {
        return given().config(Docs.yamlAware()).auth().oauth2(TestTokens.tenantAdmin(tenant));
    }

    private static void put(String tenant, String name, String greeting) {
        as(tenant).contentType("application/yaml").body(Docs.hello(name, greeting))
                .put("/v1/tenants/" + tenant + "/workflows/definitions/" + name).then().log().ifValidationFails()
                .statusCode(org.hamcrest.Matchers.anyOf(org.hamcrest.Matchers.is(200),
                        org.hamcrest.Matchers.is(201)));
    }

    private static JsonPath run(String tenant, String name) {
        return started(tenant, "{\"definition\":\"" + name + "\",\"input\":{\"who\":\"x\"}}");
    }

    private static JsonPath runVersion(String tenant, String name, long version) {
        return started(tenant, "{\"definition\":\"" + name + "\",\"version\":" + version
                + ",\"input\":{\"who\":\"x\"}}");
    }

    private static JsonPath started(String tenant, String body) {
        String id = as(tenant).contentType("application/json").body(body)
                .post("/v1/tenants/" + tenant + "/workflows/instances").then().statusCode(201).extract().path("id");
        JsonPath[] done = new JsonPath[1];
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
            done[0] = as(tenant).get("/v1/tenants/" + tenant + "/workflows/instances/" + id).then().statusCode(200)
                    .extract().jsonPath();
            return "completed".equals(done[0].getString("status"));
        });
        return done[0];
    }
}

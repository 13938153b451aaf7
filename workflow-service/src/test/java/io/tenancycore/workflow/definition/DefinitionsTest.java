package io.tenancycore.workflow.definition;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.tenancycore.commons.testing.TestTokens;
import io.tenancycore.workflow.testing.Docs;
import jakarta.inject.Inject;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Definitions over the API: upload (YAML, JSON), versions, ETags, validation, limits, templates, isolation. */
@QuarkusTest
class DefinitionsTest {

    @Inject
    DefinitionStore store;

    @Inject
    RedisDataSource redis;

    private static RequestSpecification as(String tenant) {
        return given().config(Docs.yamlAware()).auth().oauth2(TestTokens.tenantAdmin(tenant));
    }

    private static String path(String tenant) {
        return "/v1/tenants/" + tenant + "/workflows/definitions";
    }

    @Test
    void yamlUploadIsVersionedAndReadBackAsJson() {
        String tenant = Docs.tenant();
        as(tenant).contentType("application/yaml").body(Docs.hello("hello", "hi"))
                .post(path(tenant))
                .then().statusCode(201)
                .header("Location", matchesPattern(".*/v1/tenants/" + tenant + "/workflows/definitions/hello"))
                .header("ETag", "\"1\"")
                .body("name", equalTo("hello")).body("version", equalTo(1)).body("dsl", equalTo("1.0.0"))
                .body("document.do[0].greet.set.greeting", equalTo("hi"));
        // the same document again: no new version
        as(tenant).contentType("application/yaml").body(Docs.hello("hello", "hi"))
                .put(path(tenant) + "/hello").then().statusCode(200).body("version", equalTo(1));
        // a changed one, in JSON, against the current ETag
        as(tenant).contentType("application/json").header("If-Match", "\"1\"")
                .body("{\"document\":{\"dsl\":\"1.0.3\",\"namespace\":\"test\",\"name\":\"hello\",\"version\":\"1.0.1\"},"
                        + "\"do\":[{\"greet\":{\"set\":{\"greeting\":\"hello\"}}}]}")
                .put(path(tenant) + "/hello").then().statusCode(200).body("version", equalTo(2)).header("ETag", "\"2\"");
        // a stale ETag
        as(tenant).contentType("application/yaml").header("If-Match", "\"1\"").body(Docs.hello("hello", "bye"))
                .put(path(tenant) + "/hello").then().statusCode(412);
        as(tenant).get(path(tenant) + "/hello").then().statusCode(200).body("version", equalTo(2))
                .body("document.do[0].greet.set.greeting", equalTo("hello"));
        as(tenant).get(path(tenant) + "/hello?version=1").then().statusCode(200)
                .body("document.do[0].greet.set.greeting", equalTo("hi"));
        as(tenant).header("If-None-Match", "\"2\"").get(path(tenant) + "/hello").then().statusCode(304);
        as(tenant).get(path(tenant) + "/hello?version=9").then().statusCode(404);
        as(tenant).get(path(tenant) + "/hello?version=x").then().statusCode(400);
        // a POST of an existing name conflicts
        as(tenant).contentType("application/yaml").body(Docs.hello("hello", "again"))
                .post(path(tenant)).then().statusCode(409);
    }

    @Test
    void oldVersionsBeyondTheLimitAreDropped() {
        String tenant = Docs.tenant();
        for (int i = 1; i <= 4; i++) {
            as(tenant).contentType("application/yaml").body(Docs.hello("kept", "v" + i))
                    .put(path(tenant) + "/kept").then().statusCode(i == 1 ? 201 : 200).body("version", equalTo(i));
        }
        // versions-kept=3 in the test profile
        as(tenant).get(path(tenant) + "/kept?version=1").then().statusCode(404);
        as(tenant).get(path(tenant) + "/kept?version=2").then().statusCode(200);
    }

    @Test
    void aDeletedNameGoesOnAfterItsLastVersionAndTheMemoryOfDeletedNamesIsBounded() {
        String tenant = Docs.tenant();
        // name1 up to version 1, name2 to 2, name3 to 3, each deleted; two deleted names are remembered
        for (int n = 1; n <= 3; n++) {
            for (int v = 1; v <= n; v++) {
                assertEquals(v, save(tenant, "name" + n, "v" + v));
            }
            assertEquals(1, store.delete(tenant, "name" + n, -1, 2));
        }
        assertEquals(2, redis.sortedSet(String.class).zcard(DefinitionStore.retiredKey(tenant)));
        assertEquals(4, save(tenant, "name3", "again"));
        // name1, the lowest, was let go: its last version became the floor every name not remembered starts above
        assertEquals(2, save(tenant, "name1", "again"));
        assertEquals(2, save(tenant, "fresh", "first"));
        assertEquals(3, save(tenant, "name2", "again"));
        assertEquals(0, redis.sortedSet(String.class).zcard(DefinitionStore.retiredKey(tenant)));
    }

    private long save(String tenant, String name, String content) {
        var document = JsonNodeFactory.instance.objectNode().put("content", content);
        return store.save(tenant, new Definition(name, 0, "1.0.0", false, Instant.now(), DefinitionService.digest(
                document), document), -1, 10, 10).version();
    }

    @Test
    void everyProblemOfADocumentIsReported() {
        String tenant = Docs.tenant();
        String bad = """
                document:
                  dsl: '2.0.0'
                  namespace: test
                  name: broken
                  version: '1.0.0'
                do:
                  - first:
                      set:
                        a: 1
                      then: nowhere
                  - second:
                      call: sendInvoice
                  - third:
                      switch:
                        - big:
                            when: ${ .a > 1 }
                            then: missing
                  - fourth:
                      call: http
                      with:
                        method: get
                        endpoint: http://example.org/x
                  - fifth:
                      run:
                        shell:
                          command: rm -rf /
                  - sixth:
                      set:
                        slow: ${ .name | test("(a+)+$") }
                """;
        as(tenant).contentType("application/yaml").body(bad).put(path(tenant) + "/broken")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("violations.code", hasItems("unsupported_dsl", "unknown_then_target", "unknown_function",
                        "call_target_not_allowed", "run_not_allowed", "regex_not_allowed"))
                .body("violations.field", hasItems("document.dsl", "do[0].first.then", "do[1].second.call",
                        "do[2].third.switch[0].big.then", "do[3].fourth.with.endpoint", "do[4].fifth.run", "do[5].sixth.set.slow"));
        // the schema's own errors are listed too
        as(tenant).contentType("application/json").body("{\"document\":{\"dsl\":\"1.0.0\"},\"do\":\"x\"}")
                .put(path(tenant) + "/schema-broken").then().statusCode(422)
                .body("violations.field", hasItem("do"));
        as(tenant).get(path(tenant) + "/broken").then().statusCode(404);
        // schema-valid, but the runtime cannot build it (its raise needs a detail)
        as(tenant).contentType("application/yaml").body(Docs.yaml("unbuildable", """
                - fail:
                    raise:
                      error:
                        type: https://example.org/oops
                        status: 500
                """)).put(path(tenant) + "/unbuildable").then().statusCode(422)
                .body("violations[0].code", equalTo("not_executable"));
    }

    @Test
    void malformedOversizedAndTooDeepDocumentsAreRefused() {
        String tenant = Docs.tenant();
        as(tenant).contentType("application/yaml").body("document: [unclosed").put(path(tenant) + "/x1")
                .then().statusCode(400);
        String huge = Docs.hello("big", "x".repeat(300 * 1024));
        as(tenant).contentType("application/yaml").body(huge).put(path(tenant) + "/big")
                .then().statusCode(413).contentType("application/problem+json");
        String deep = "{\"document\":{\"dsl\":\"1.0.0\",\"namespace\":\"t\",\"name\":\"deep\",\"version\":\"1.0.0\"},"
                + "\"do\":[{\"a\":{\"set\":" + "{\"x\":".repeat(80) + "1" + "}".repeat(80) + "}}]}";
        as(tenant).contentType("application/json").body(deep).put(path(tenant) + "/deep")
                .then().statusCode(422).body("violations[0].code", equalTo("nesting_too_deep"));
        as(tenant).contentType("text/plain").body("x").put(path(tenant) + "/plain").then().statusCode(415);
    }

    @Test
    void builtInTemplatesAreListedReadOnlyAndTheirNamesReserved() {
        String tenant = Docs.tenant();
        as(tenant).contentType("application/yaml").body(Docs.hello("mine", "x")).put(path(tenant) + "/mine")
                .then().statusCode(201);
        as(tenant).get(path(tenant)).then().statusCode(200)
                .body("items.name", containsInAnyOrder("tenant_provisioning", "tenant_deprovisioning", "mine"))
                .body("items.find { it.name == 'tenant_provisioning' }.built_in", equalTo(true))
                .body("items[0].document", nullValue())
                .body("next_cursor", nullValue());
        as(tenant).get(path(tenant) + "/tenant_provisioning").then().statusCode(200)
                .body("built_in", equalTo(true)).body("document.document.name", equalTo("tenant-provisioning"));
        as(tenant).contentType("application/yaml").body(Docs.hello("tenant-provisioning", "x"))
                .put(path(tenant) + "/tenant_provisioning").then().statusCode(409);
        as(tenant).delete(path(tenant) + "/tenant_deprovisioning").then().statusCode(409);
        as(tenant).delete(path(tenant) + "/mine").then().statusCode(204);
        as(tenant).delete(path(tenant) + "/mine").then().statusCode(404);
    }

    @Test
    void aTenantHasAtMostItsShareOfDefinitions() {
        String tenant = Docs.tenant();
        for (int i = 0; i < 5; i++) {
            as(tenant).contentType("application/yaml").body(Docs.hello("d" + i, "x")).put(path(tenant) + "/d" + i)
                    .then().statusCode(201);
        }
        as(tenant).contentType("application/yaml").body(Docs.hello("d5", "x")).put(path(tenant) + "/d5")
                .then().statusCode(409);
    }

    @Test
    void tenantsSeeOnlyTheirOwnDefinitions() {
        String a = Docs.tenant();
        String b = Docs.tenant();
        as(a).contentType("application/yaml").body(Docs.hello("secret", "x")).put(path(a) + "/secret")
                .then().statusCode(201);
        as(b).get(path(a) + "/secret").then().statusCode(403);
        as(b).get(path(a)).then().statusCode(403);
        as(b).contentType("application/yaml").body(Docs.hello("evil", "x")).put(path(a) + "/evil")
                .then().statusCode(403);
        as(b).get(path(b) + "/secret").then().statusCode(404);
        given().get(path(a)).then().statusCode(401);
        // a tenant user may read but not write
        given().auth().oauth2(TestTokens.tenantUser(a)).get(path(a) + "/secret").then().statusCode(200);
        given().config(Docs.yamlAware()).auth().oauth2(TestTokens.tenantUser(a)).contentType("application/yaml")
                .body(Docs.hello("nope", "x")).put(path(a) + "/nope").then().statusCode(403);
    }
}

package io.tenancycore.config.layers;

import static io.tenancycore.config.testing.Fixtures.admin;
import static io.tenancycore.config.testing.Fixtures.as;
import static io.tenancycore.config.testing.Fixtures.platform;
import static io.tenancycore.config.testing.Fixtures.uniqueTenant;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.tenancycore.commons.testing.TestTokens;
import io.tenancycore.commons.testsupport.RealBroker;
import io.tenancycore.config.testing.FakeSecurityService;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(RealBroker.class)
@QuarkusTestResource(value = FakeSecurityService.class, restrictToAnnotatedClass = false)
class ConfigLayersIT {

    @Test
    void eachLayerOverridesTheOneBelowAndNamesItself() {
        String tenant = uniqueTenant("layers");
        String ns = "ly" + tenant.substring(tenant.length() - 8).replace("-", "");
        // global < environment < tenant < tenant@environment, one key decided by each layer
        putGlobal(ns + ".a", "1");
        putGlobal(ns + ".b", "1");
        putGlobal(ns + ".c", "1");
        putGlobal(ns + ".d", "1");
        platform().contentType("application/json").body("{\"value\": 2}")
                .put("/v1/config/environments/prod/keys/" + ns + ".b").then().statusCode(201);
        platform().contentType("application/json").body("{\"value\": 2}")
                .put("/v1/config/environments/prod/keys/" + ns + ".c").then().statusCode(201);
        platform().contentType("application/json").body("{\"value\": 2}")
                .put("/v1/config/environments/prod/keys/" + ns + ".d").then().statusCode(201);
        put(tenant, ns + ".c", "3", null).then().statusCode(201)
                .header("Location", containsString("/v1/tenants/" + tenant + "/config/keys/" + ns + ".c"));
        put(tenant, ns + ".d", "3", null).then().statusCode(201);
        put(tenant, ns + ".d", "4", "prod").then().statusCode(201);
        put(tenant, ns + ".d", "4", "prod").then().statusCode(200).body("layer", equalTo("tenant@prod"));

        admin(tenant).queryParam("env", "prod").get("/v1/tenants/" + tenant + "/config").then().statusCode(200)
                .body("entries.'" + ns + ".a'.value", equalTo(1))
                .body("entries.'" + ns + ".a'.layer", equalTo("global"))
                .body("entries.'" + ns + ".b'.value", equalTo(2))
                .body("entries.'" + ns + ".b'.layer", equalTo("environment@prod"))
                .body("entries.'" + ns + ".c'.value", equalTo(3))
                .body("entries.'" + ns + ".c'.layer", equalTo("tenant"))
                .body("entries.'" + ns + ".d'.value", equalTo(4))
                .body("entries.'" + ns + ".d'.layer", equalTo("tenant@prod"))
                // the environment layer's base is config/environments/prod/core.yaml (env-var values left out)
                .body("entries.'metrics.collection_interval'.value", equalTo(30))
                .body("entries.'metrics.collection_interval'.layer", equalTo("environment@prod"))
                .body("entries", not(org.hamcrest.Matchers.hasKey("security.encryption_key")));
        // another environment does not see prod's layers
        admin(tenant).queryParam("env", "staging").get("/v1/tenants/" + tenant + "/config/keys/" + ns + ".d")
                .then().statusCode(200).body("value", equalTo(3)).body("layer", equalTo("tenant"));
        admin(tenant).queryParam("env", "staging").get("/v1/tenants/" + tenant + "/config/keys/" + ns + ".b")
                .then().statusCode(200).body("value", equalTo(1)).body("layer", equalTo("global"));
        // deleting the top value uncovers the next layer
        admin(tenant).queryParam("env", "prod").delete("/v1/tenants/" + tenant + "/config/keys/" + ns + ".d")
                .then().statusCode(204);
        admin(tenant).queryParam("env", "prod").get("/v1/tenants/" + tenant + "/config/keys/" + ns + ".d")
                .then().body("value", equalTo(3)).body("layer", equalTo("tenant"));
    }

    @Test
    void everyChangeIsARevisionWithHistoryTimeTravelAndRollback() {
        String tenant = uniqueTenant("hist");
        long r1 = revision(put(tenant, "db.pool", "10", null));
        long r2 = revision(put(tenant, "db.pool", "20", null));
        long r3 = revision(put(tenant, "db.url", "\"jdbc:x\"", null));
        org.junit.jupiter.api.Assertions.assertEquals(r1 + 1, r2);
        org.junit.jupiter.api.Assertions.assertEquals(r2 + 1, r3);

        admin(tenant).queryParam("key", "db.pool").get("/v1/tenants/" + tenant + "/config/history")
                .then().statusCode(200)
                .body("items", hasSize(2))
                .body("items[0].revision", equalTo((int) r2))
                .body("items[0].changes[0].old", equalTo(10))
                .body("items[0].changes[0].value", equalTo(20))
                .body("items[1].changes[0].old", nullValue());

        admin(tenant).queryParam("revision", r1).get("/v1/tenants/" + tenant + "/config").then().statusCode(200)
                .body("revision", equalTo((int) r1))
                .body("entries.'db.pool'.value", equalTo(10))
                .body("entries", not(org.hamcrest.Matchers.hasKey("db.url")));
        admin(tenant).queryParam("revision", r3 + 10).get("/v1/tenants/" + tenant + "/config")
                .then().statusCode(404);

        long r4 = revision(admin(tenant).contentType("application/json").body("{\"to_revision\": " + r1 + "}")
                .post("/v1/tenants/" + tenant + "/config/rollback"));
        org.junit.jupiter.api.Assertions.assertEquals(r3 + 1, r4);
        admin(tenant).get("/v1/tenants/" + tenant + "/config").then()
                .body("revision", equalTo((int) r4))
                .body("entries.'db.pool'.value", equalTo(10))
                .body("entries", not(org.hamcrest.Matchers.hasKey("db.url")));
        admin(tenant).get("/v1/tenants/" + tenant + "/config/history").then()
                .body("items[0].action", equalTo("config.rollback"))
                .body("items[0].changes.key", hasItems("db.pool", "db.url"));
    }

    @Test
    void historyPagesHonourLimitAndCursorAndShowMillisecondTimes() {
        String tenant = uniqueTenant("hpage");
        for (int i = 1; i <= 3; i++) {
            put(tenant, "h.k", Integer.toString(i), null).then().statusCode(i == 1 ? 201 : 200);
        }
        String base = "/v1/tenants/" + tenant + "/config/history";
        admin(tenant).queryParam("limit", 2).get(base).then().statusCode(200)
                .body("items.revision", org.hamcrest.Matchers.contains(3, 2)).body("next_cursor", equalTo("2"))
                .body("items[0].changed_at", org.hamcrest.Matchers.matchesPattern(
                        "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z"));
        admin(tenant).queryParam("limit", 2).queryParam("cursor", "2").get(base).then().statusCode(200)
                .body("items.revision", org.hamcrest.Matchers.contains(1)).body("next_cursor", nullValue());
        admin(tenant).queryParam("limit", "abc").get(base).then().statusCode(400)
                .contentType("application/problem+json").body("violations[0].field", equalTo("limit"));
        admin(tenant).queryParam("limit", 501).get(base).then().statusCode(400);
        String fresh = uniqueTenant("hempty");
        admin(fresh).get("/v1/tenants/" + fresh + "/config/history").then().statusCode(200)
                .body("items", hasSize(0));
    }

    @Test
    void aWriteWithAStaleIfMatchIsRefusedWith412() {
        String tenant = uniqueTenant("cas");
        long r1 = revision(put(tenant, "feature.x", "true", null));
        String etag = admin(tenant).get("/v1/tenants/" + tenant + "/config").then().statusCode(200)
                .extract().header("ETag");
        org.junit.jupiter.api.Assertions.assertTrue(etag.startsWith("\"" + r1 + "."), etag);
        // a view's ETag makes a write conditional on the whole tenant
        long r2 = revision(admin(tenant).contentType("application/json").header("If-Match", etag)
                .body("{\"value\": false}").put("/v1/tenants/" + tenant + "/config/keys/feature.x"));
        admin(tenant).contentType("application/json").header("If-Match", etag).body("{\"value\": true}")
                .put("/v1/tenants/" + tenant + "/config/keys/feature.x")
                .then().statusCode(412).contentType("application/problem+json")
                .body("type", containsString("revision-conflict"));
        admin(tenant).get("/v1/tenants/" + tenant + "/config/keys/feature.x").then()
                .body("value", equalTo(false)).body("revision", equalTo((int) r2));
        admin(tenant).contentType("application/json").header("If-Match", "\"" + r1 + "\"")
                .body("{\"to_revision\": " + r1 + "}").post("/v1/tenants/" + tenant + "/config/rollback")
                .then().statusCode(412);
    }

    @Test
    void aKeysIfMatchNamesItsModifyRevisionSoOtherKeysWritesDoNotBreakIt() {
        String tenant = uniqueTenant("keycas");
        put(tenant, "app.a", "1", null).then().statusCode(201).header("ETag", equalTo("\"tenant:1\""));
        String tagOfA = admin(tenant).get("/v1/tenants/" + tenant + "/config/keys/app.a").then().statusCode(200)
                .body("mod_revision", equalTo(1)).body("layer", equalTo("tenant")).extract().header("ETag");
        org.junit.jupiter.api.Assertions.assertEquals("\"tenant:1\"", tagOfA);
        put(tenant, "app.b", "1", null).then().statusCode(201);
        // another key moved the tenant to revision 2: app.a's tag still holds
        admin(tenant).contentType("application/json").header("If-Match", tagOfA).body("{\"value\": 2}")
                .put("/v1/tenants/" + tenant + "/config/keys/app.a").then().statusCode(200)
                .body("mod_revision", equalTo(3)).header("ETag", equalTo("\"tenant:3\""));
        admin(tenant).contentType("application/json").header("If-Match", tagOfA).body("{\"value\": 3}")
                .put("/v1/tenants/" + tenant + "/config/keys/app.a").then().statusCode(412)
                .body("detail", containsString("app.a"));
        admin(tenant).header("If-Match", "\"1\"").delete("/v1/tenants/" + tenant + "/config/keys/app.b")
                .then().statusCode(412);
        admin(tenant).header("If-Match", "\"2\"").delete("/v1/tenants/" + tenant + "/config/keys/app.b")
                .then().statusCode(204);
        // create-only
        admin(tenant).contentType("application/json").header("If-None-Match", "*").body("{\"value\": 1}")
                .put("/v1/tenants/" + tenant + "/config/keys/app.a").then().statusCode(412);
        admin(tenant).contentType("application/json").header("If-None-Match", "*").body("{\"value\": 1}")
                .put("/v1/tenants/" + tenant + "/config/keys/app.c").then().statusCode(201);
        // a key inherited from a lower layer: its tag says so, and overriding it with that tag works
        platform().contentType("application/json").body("{\"value\": \"g\"}")
                .put("/v1/config/global/keys/" + tenant.replace("-", "_") + ".inherited").then()
                .statusCode(org.hamcrest.Matchers.anyOf(equalTo(200), equalTo(201)));
        String inherited = admin(tenant).get("/v1/tenants/" + tenant + "/config/keys/" + tenant.replace("-", "_")
                + ".inherited").then().statusCode(200).body("layer", equalTo("global")).extract().header("ETag");
        admin(tenant).header("If-None-Match", inherited).get("/v1/tenants/" + tenant + "/config/keys/"
                + tenant.replace("-", "_") + ".inherited").then().statusCode(304);
        admin(tenant).contentType("application/json").header("If-Match", inherited).body("{\"value\": \"t\"}")
                .put("/v1/tenants/" + tenant + "/config/keys/" + tenant.replace("-", "_") + ".inherited")
                .then().statusCode(201).body("layer", equalTo("tenant"));
    }

    @Test
    void platformLayersAnswerWithThePlatformRevisionAsETag() {
        String key = uniqueTenant("plat").replace("-", "_") + ".k";
        putGlobal(key, "1");
        String tag = platform().get("/v1/config/global").then().statusCode(200)
                .body("'" + key + "'", equalTo(1)).extract().header("ETag");
        platform().header("If-None-Match", tag).get("/v1/config/global").then().statusCode(304);
        platform().header("If-None-Match", tag).get("/v1/config/environments/prod").then().statusCode(304);
        putGlobal(key, "2");
        platform().header("If-None-Match", tag).get("/v1/config/global").then().statusCode(200)
                .body("'" + key + "'", equalTo(2));
        platform().header("If-Match", tag).delete("/v1/config/global/keys/" + key).then().statusCode(412);
    }

    @Test
    void prefixReadsKeepOnlyTheKeysUnderThePrefixWithTheirRevisions() {
        String tenant = uniqueTenant("prefix");
        put(tenant, "mail.host", "\"smtp\"", null).then().statusCode(201);
        put(tenant, "mail.port", "25", null).then().statusCode(201);
        put(tenant, "mailbox.size", "5", null).then().statusCode(201);
        admin(tenant).queryParam("prefix", "mail.").get("/v1/tenants/" + tenant + "/config").then().statusCode(200)
                .body("entries.keySet()", org.hamcrest.Matchers.containsInAnyOrder("mail.host", "mail.port"))
                .body("entries.'mail.host'.mod_revision", equalTo(1))
                .body("entries.'mail.port'.mod_revision", equalTo(2));
        admin(tenant).get("/v1/tenants/" + tenant + "/config").then().statusCode(200)
                .body("entries.'mailbox.size'.mod_revision", equalTo(3));
    }

    @Test
    void aPastRevisionShowsThePlatformLayersAsTheyWereThen() {
        String tenant = uniqueTenant("pit");
        String key = tenant.replace("-", "_") + ".limit";
        putGlobal(key, "1");
        long r1 = revision(put(tenant, "own.key", "1", null));
        putGlobal(key, "2");
        long r2 = revision(put(tenant, "own.key", "2", null));
        putGlobal(key, "3");
        admin(tenant).queryParam("revision", r1).get("/v1/tenants/" + tenant + "/config").then().statusCode(200)
                .body("entries.'own.key'.value", equalTo(1)).body("entries.'" + key + "'.value", equalTo(1));
        admin(tenant).queryParam("revision", r2).get("/v1/tenants/" + tenant + "/config").then().statusCode(200)
                .body("entries.'own.key'.value", equalTo(2)).body("entries.'" + key + "'.value", equalTo(2));
        admin(tenant).get("/v1/tenants/" + tenant + "/config").then().statusCode(200)
                .body("entries.'" + key + "'.value", equalTo(3));
        admin(tenant).queryParam("platform_revision", 1).get("/v1/tenants/" + tenant + "/config").then()
                .statusCode(400);
    }

    @Test
    void aSchemaViolationListsEveryError() {
        String tenant = uniqueTenant("schema");
        admin(tenant).contentType("application/json").body("""
                {"type": "object", "required": ["host", "port"], "additionalProperties": false,
                 "properties": {"host": {"type": "string", "minLength": 3},
                                "port": {"type": "integer", "minimum": 1, "maximum": 65535},
                                "tls": {"type": "boolean"}}}""")
                .put("/v1/tenants/" + tenant + "/config/schemas/smtp").then().statusCode(201);
        admin(tenant).contentType("application/json").body("""
                {"smtp.host": "ab", "smtp.port": 70000, "smtp.tls": "yes", "smtp.colour": "red"}""")
                .post("/v1/tenants/" + tenant + "/config/import")
                .then().statusCode(422).contentType("application/problem+json")
                .body("violations.field", hasItems("smtp.host", "smtp.port", "smtp.tls", "smtp.colour"));
        // nothing was written
        admin(tenant).get("/v1/tenants/" + tenant + "/config").then().body("revision", equalTo(0));
        admin(tenant).contentType("application/yaml").body("smtp.host: mail.example.com\nsmtp.port: 25\n".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/v1/tenants/" + tenant + "/config/import").then().statusCode(200);
        // a single write is checked against the merged namespace: removing a required key is refused too
        admin(tenant).delete("/v1/tenants/" + tenant + "/config/keys/smtp.port").then().statusCode(422)
                .body("violations.field", hasItems("smtp.port"));
        admin(tenant).queryParam("format", "yaml").get("/v1/tenants/" + tenant + "/config/export").then()
                .statusCode(200).contentType(containsString("yaml")).body(containsString("smtp.port: 25"));
    }

    @Test
    void importFlattensNestedDocumentsMergesOrReplacesAndRefusesUnknownFormats() {
        String tenant = uniqueTenant("import");
        String base = "/v1/tenants/" + tenant + "/config";
        admin(tenant).contentType("application/yaml").body("""
                mail:
                  host: smtp.example.com
                  port: 25
                  tls: {enabled: true}
                limits.daily: 100
                tags: [a, b]
                """.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post(base + "/import").then().statusCode(200);
        admin(tenant).get(base).then().statusCode(200)
                .body("entries.'mail.host'.value", equalTo("smtp.example.com"))
                .body("entries.'mail.tls.enabled'.value", equalTo(true))
                .body("entries.'limits.daily'.value", equalTo(100))
                .body("entries.tags.value", org.hamcrest.Matchers.contains("a", "b"))
                .body("entries", not(org.hamcrest.Matchers.hasKey("mail")));
        // merge (the default) keeps what the body does not name; replace removes it
        admin(tenant).contentType("application/json").body("{\"mail\": {\"port\": 587}}")
                .post(base + "/import").then().statusCode(200);
        admin(tenant).get(base).then().body("entries.'mail.port'.value", equalTo(587))
                .body("entries.'mail.host'.value", equalTo("smtp.example.com"));
        admin(tenant).contentType("application/json").queryParam("mode", "replace")
                .body("{\"mail\": {\"host\": \"mx\"}}").post(base + "/import").then().statusCode(200);
        admin(tenant).get(base).then().body("entries.keySet()", org.hamcrest.Matchers.contains("mail.host"));
        admin(tenant).contentType("application/json").queryParam("mode", "sideways").body("{\"a\": 1}")
                .post(base + "/import").then().statusCode(400).body("violations[0].field", equalTo("mode"));
        admin(tenant).contentType("application/json").body("{\"a.b\": 1, \"a\": {\"b\": 2}}")
                .post(base + "/import").then().statusCode(400);
        admin(tenant).contentType("text/plain").body("a.b=1").post(base + "/import").then().statusCode(415)
                .contentType("application/problem+json");
        admin(tenant).contentType("application/json").body("[1, 2]").post(base + "/import").then().statusCode(400);
    }

    @Test
    void exportNamesTheSecretsItLeftOut() {
        String tenant = uniqueTenant("exports");
        String base = "/v1/tenants/" + tenant + "/config";
        put(tenant, "db.url", "\"jdbc:x\"", null).then().statusCode(201);
        admin(tenant).contentType("application/json").body("{\"value\": \"hunter2\", \"secret\": true}")
                .put(base + "/keys/db.password").then().statusCode(201).body("value", equalTo("******"));
        admin(tenant).get(base + "/export").then().statusCode(200)
                .header("Tenancy-Omitted-Secrets", equalTo("db.password"))
                .body("'db.url'", equalTo("jdbc:x")).body("$", not(org.hamcrest.Matchers.hasKey("db.password")));
        admin(tenant).queryParam("format", "yaml").get(base + "/export").then().statusCode(200)
                .header("Tenancy-Omitted-Secrets", equalTo("db.password"))
                .body(containsString("# secrets left out: db.password"));
    }

    @Test
    void tenantACannotReadOrWriteTenantB() {
        String a = uniqueTenant("iso-a");
        String b = uniqueTenant("iso-b");
        put(b, "private.value", "42", null).then().statusCode(201);
        admin(a).get("/v1/tenants/" + b + "/config").then().statusCode(403)
                .body("type", containsString("cross-tenant"));
        admin(a).get("/v1/tenants/" + b + "/config/keys/private.value").then().statusCode(403);
        admin(a).contentType("application/json").body("{\"value\": 1}")
                .put("/v1/tenants/" + b + "/config/keys/private.value").then().statusCode(403);
        admin(a).get("/v1/tenants/" + b + "/config/watch?since=0&wait=1s").then().statusCode(403);
        admin(a).get("/v1/tenants/" + a + "/config").then().statusCode(200)
                .body("entries", not(org.hamcrest.Matchers.hasKey("private.value")));
    }

    @Test
    void aTenantAdminIsRefusedThePlatformLayersWhateverItSends() {
        String tenant = uniqueTenant("plat");
        // refused before the body is read: a malformed write is the same 403 as a valid one, never a 422
        for (String body : List.of("{}", "{\"value\": 1}")) {
            admin(tenant).contentType("application/json").body(body).put("/v1/config/global/keys/a.b")
                    .then().statusCode(403).body("detail", containsString("platform administrators"));
            admin(tenant).contentType("application/json").body(body).put("/v1/config/environments/dev/keys/a.b")
                    .then().statusCode(403);
        }
        admin(tenant).get("/v1/config/global").then().statusCode(403);
        admin(tenant).delete("/v1/config/global/keys/a.b").then().statusCode(403);
    }

    @Test
    void badRequestsAreProblems() {
        String tenant = uniqueTenant("bad");
        RestAssured.given().get("/v1/tenants/" + tenant + "/config").then().statusCode(401);
        as(TestTokens.tenantUser(tenant)).contentType("application/json").body("{\"value\": 1}")
                .put("/v1/tenants/" + tenant + "/config/keys/a.b").then().statusCode(403);
        admin(tenant).contentType("application/json").body("{\"value\": 1}")
                .put("/v1/tenants/" + tenant + "/config/keys/bad..key").then().statusCode(400)
                .body("violations[0].field", equalTo("key"));
        admin(tenant).queryParam("env", "moon").get("/v1/tenants/" + tenant + "/config").then().statusCode(400);
        admin(tenant).contentType("application/json").body("{\"value\": 1, \"colour\": \"red\"}")
                .put("/v1/tenants/" + tenant + "/config/keys/a.b").then().statusCode(400);
        // a well-formed body without the required value breaks a rule: 422 (DESIGN: 400 is for malformed input)
        admin(tenant).contentType("application/json").body("{}")
                .put("/v1/tenants/" + tenant + "/config/keys/a.b").then().statusCode(422);
        admin(tenant).contentType("application/json").header("If-Match", "soon").body("{\"value\": 1}")
                .put("/v1/tenants/" + tenant + "/config/keys/a.b").then().statusCode(400);
        admin(tenant).contentType("application/json").body("{\"value\": \"" + "x".repeat(70_000) + "\"}")
                .put("/v1/tenants/" + tenant + "/config/keys/a.b").then().statusCode(413);
        admin(tenant).get("/v1/tenants/" + tenant + "/config/keys/not.there").then().statusCode(404);
        admin(tenant).delete("/v1/tenants/" + tenant + "/config/keys/not.there").then().statusCode(404);
    }

    private static void putGlobal(String key, String json) {
        platform().contentType("application/json").body("{\"value\": " + json + "}")
                .put("/v1/config/global/keys/" + key).then()
                .statusCode(org.hamcrest.Matchers.anyOf(equalTo(200), equalTo(201)));
    }

    static io.restassured.response.Response put(String tenant, String key, String json, String env) {
        var request = admin(tenant).contentType("application/json").body("{\"value\": " + json + "}");
        if (env != null) {
            request.queryParam("env", env);
        }
        return request.put("/v1/tenants/" + tenant + "/config/keys/" + key);
    }

    static long revision(io.restassured.response.Response response) {
        return response.then().statusCode(org.hamcrest.Matchers.anyOf(equalTo(200), equalTo(201))).extract()
                .jsonPath().getLong("revision");
    }
}

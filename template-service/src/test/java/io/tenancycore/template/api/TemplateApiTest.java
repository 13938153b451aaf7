package io.tenancycore.template.api;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.hamcrest.Matchers.anEmptyMap;
import static io.restassured.RestAssured.given;
import static io.tenancycore.commons.testing.TestTokens.bearer;
import static io.tenancycore.commons.testing.TestTokens.tenantAdmin;
import static io.tenancycore.commons.testing.TestTokens.tenantUser;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.redis.datasource.RedisDataSource;
import io.tenancycore.commons.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The HTTP API: rendering, fallback, overrides, bundles, validation, versions and every refusal. */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TemplateApiTest {

    private static final String PROBLEM_JSON = "application/problem+json";
    private final TestTenants tenants = new TestTenants();

    @Inject
    RedisDataSource redis;

    @AfterAll
    void cleanUp() {
        tenants.cleanUp(redis);
    }

    static ValidatableResponse render(String tenant, String token, String name, Map<String, Object> body) {
        return given().header("Authorization", bearer(token)).contentType(ContentType.JSON).body(body)
                .post("/v1/tenants/{t}/templates/{n}/render", tenant, name).then();
    }

    static ValidatableResponse put(String tenant, String name, Map<String, Object> draft) {
        return given().header("Authorization", bearer(tenantAdmin(tenant))).contentType(ContentType.JSON)
                .body(draft).put("/v1/tenants/{t}/templates/{n}", tenant, name).then();
    }

    static Map<String, Object> draft(String locale, String subject, String body) {
        return Map.of("locales", Map.of(locale, subject == null ? Map.of("body", body)
                : Map.of("subject", subject, "body", body)));
    }

    @Test
    void seedCallRendersTheBuiltinWelcomeEmailInFrench() {
        String tenant = tenants.fresh("seed");
        render(tenant, tenantUser(tenant), "welcome_email", Map.of("data", Map.of("user", "Jean"), "locale", "fr"))
                .statusCode(200)
                .body("source", equalTo("builtin"))
                .body("locale", equalTo("fr"))
                .body("version", equalTo(0))
                .body("content_type", equalTo("text/html"))
                .body("subject", equalTo("Bienvenue chez Tenancy Core"))
                .body("body", containsString("Bonjour Jean,"));
    }

    @Test
    void localeFallsBackFromRegionToLanguageToTenantDefaultToEnglish() {
        String tenant = tenants.fresh("chain");
        String token = tenantUser(tenant);
        render(tenant, token, "welcome_email", Map.of("data", Map.of("user", "Ann"), "locale", "fr-CA"))
                .statusCode(200).body("locale", equalTo("fr")).body("requested_locale", equalTo("fr-CA"));
        render(tenant, token, "welcome_email", Map.of("data", Map.of("user", "Ann"), "locale", "it"))
                .statusCode(200).body("locale", equalTo("en")).body("body", containsString("Hello Ann,"));

        given().header("Authorization", bearer(tenantAdmin(tenant))).contentType(ContentType.JSON)
                .body(Map.of("default_locale", "de"))
                .put("/v1/tenants/{t}/template-settings", tenant).then().statusCode(200);
        render(tenant, token, "welcome_email", Map.of("data", Map.of("user", "Ann"), "locale", "it"))
                .statusCode(200).body("locale", equalTo("de")).body("body", containsString("Hallo Ann,"));

        // a tenant override that has fr-CA is preferred to the built-in fr
        put(tenant, "welcome_email", draft("fr-CA", "Bienvenue!", "Allo {user}!")).statusCode(201);
        render(tenant, token, "welcome_email", Map.of("data", Map.of("user", "Ann"), "locale", "fr-CA"))
                .statusCode(200).body("locale", equalTo("fr-CA")).body("body", equalTo("Allo Ann!"));
        // …while fr falls through the override (no fr there) to the built-in
        render(tenant, token, "welcome_email", Map.of("data", Map.of("user", "Ann"), "locale", "fr"))
                .statusCode(200).body("source", equalTo("builtin")).body("locale", equalTo("fr"));
    }

    @Test
    void tenantOverrideBeatsTheBuiltin() {
        String tenant = tenants.fresh("override");
        put(tenant, "welcome_email", draft("en", "Hi {user}", "<p>Custom welcome, {user}</p>"))
                .statusCode(201).body("version", equalTo(1)).body("source", equalTo("tenant"));
        render(tenant, tenantUser(tenant), "welcome_email", Map.of("data", Map.of("user", "Bo"), "locale", "en"))
                .statusCode(200)
                .body("source", equalTo("tenant"))
                .body("version", equalTo(1))
                .body("subject", equalTo("Hi Bo"))
                .body("body", equalTo("<p>Custom welcome, Bo</p>"));
        // another tenant still gets the built-in
        String other = tenants.fresh("other");
        render(other, tenantUser(other), "welcome_email", Map.of("data", Map.of("user", "Bo"), "locale", "en"))
                .statusCode(200).body("source", equalTo("builtin"));
        given().header("Authorization", bearer(tenantUser(tenant)))
                .get("/v1/tenants/{t}/templates", tenant).then().statusCode(200)
                .body("items.find { it.name == 'welcome_email' }.source", equalTo("tenant"))
                .body("items.find { it.name == 'welcome_email' }.overrides_builtin", equalTo(true))
                .body("items.name", hasItem("compliance_report"))
                .body("next_cursor", nullValue());
    }

    @Test
    void theTemplateListPagesByName() {
        String tenant = tenants.fresh("pages");
        put(tenant, "aaa_first", draft("en", null, "x")).statusCode(201);
        List<String> firstPage = given().header("Authorization", bearer(tenantUser(tenant)))
                .queryParam("limit", 2).get("/v1/tenants/{t}/templates", tenant).then().statusCode(200)
                .body("items", hasSize(2)).body("next_cursor", notNullValue())
                .extract().path("items.name");
        assertEquals("aaa_first", firstPage.get(0));
        String cursor = given().header("Authorization", bearer(tenantUser(tenant)))
                .queryParam("limit", 2).get("/v1/tenants/{t}/templates", tenant).then().extract().path("next_cursor");
        given().header("Authorization", bearer(tenantUser(tenant)))
                .queryParam("limit", 2).queryParam("cursor", cursor)
                .get("/v1/tenants/{t}/templates", tenant).then().statusCode(200)
                .body("items.name", not(hasItem(firstPage.get(0)))).body("items.name", not(hasItem(firstPage.get(1))));
        given().header("Authorization", bearer(tenantUser(tenant))).queryParam("limit", "abc")
                .get("/v1/tenants/{t}/templates", tenant).then().statusCode(400).contentType(PROBLEM_JSON)
                .body("violations.field", hasItem("limit"));
        given().header("Authorization", bearer(tenantUser(tenant))).queryParam("limit", 501)
                .get("/v1/tenants/{t}/templates", tenant).then().statusCode(400);
    }

    @Test
    void timestampsAreMillisecondsUtcOnCreateAndReadAndBuiltinsHaveNone() {
        String tenant = tenants.fresh("stamps");
        String created = put(tenant, "stamped", draft("en", null, "x")).statusCode(201)
                .extract().path("created_at");
        assertTrue(created.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), created);
        given().header("Authorization", bearer(tenantUser(tenant)))
                .get("/v1/tenants/{t}/templates/{n}", tenant, "stamped").then().statusCode(200)
                .body("created_at", equalTo(created));
        given().header("Authorization", bearer(tenantUser(tenant)))
                .get("/v1/tenants/{t}/templates/{n}/versions", tenant, "stamped").then().statusCode(200)
                .body("items[0].created_at", equalTo(created));
        given().header("Authorization", bearer(tenantUser(tenant)))
                .get("/v1/tenants/{t}/templates/{n}", tenant, "welcome_email").then().statusCode(200)
                .body("source", equalTo("builtin")).body("$", not(hasKey("created_at")));
    }

    @Test
    void tenantBundlesAreUsableInTemplatesAndOverrideBuiltinMessages() {
        String tenant = tenants.fresh("bundle");
        given().header("Authorization", bearer(tenantAdmin(tenant))).contentType(ContentType.JSON)
                .body(Map.of("messages", Map.of("thanks", "Merci {0} pour votre commande de {1,number,#.##} €",
                        "welcome_greeting", "Salut {0} !")))
                .put("/v1/tenants/{t}/messages/{l}", tenant, "fr").then().statusCode(200);
        put(tenant, "order_confirmation", Map.of("parameters", List.of("user", "total"), "content_type", "text/plain",
                "locales", Map.of("fr", Map.of("body", "{msg:thanks(user, total)}"))))
                .statusCode(201);
        render(tenant, tenantUser(tenant), "order_confirmation",
                Map.of("data", Map.of("user", "Léa", "total", 42.5), "locale", "fr"))
                .statusCode(200).body("body", equalTo("Merci Léa pour votre commande de 42,5 €"));
        // the tenant's message replaces the built-in one inside the built-in template
        render(tenant, tenantUser(tenant), "welcome_email", Map.of("data", Map.of("user", "Léa"), "locale", "fr"))
                .statusCode(200).body("body", containsString("Salut Léa !"));
        given().header("Authorization", bearer(tenantUser(tenant)))
                .get("/v1/tenants/{t}/messages/{l}", tenant, "fr").then().statusCode(200)
                .body("messages.thanks", notNullValue());
    }

    @Test
    void bundlesAndSettingsCarryAnETagAndWritesHonourIfMatch() {
        String tenant = tenants.fresh("etag");
        String admin = bearer(tenantAdmin(tenant));
        String empty = given().header("Authorization", admin).get("/v1/tenants/{t}/messages/{l}", tenant, "fr")
                .then().statusCode(200).body("messages", anEmptyMap()).extract().header("ETag");
        given().header("Authorization", admin).header("If-None-Match", empty)
                .get("/v1/tenants/{t}/messages/{l}", tenant, "fr").then().statusCode(304);
        String first = given().header("Authorization", admin).header("If-Match", empty).contentType(ContentType.JSON)
                .body(Map.of("messages", Map.of("hi", "Salut {0}"))).put("/v1/tenants/{t}/messages/{l}", tenant, "fr")
                .then().statusCode(200).extract().header("ETag");
        assertNotEquals(empty, first);
        assertEquals(first, given().header("Authorization", admin).get("/v1/tenants/{t}/messages/{l}", tenant, "fr")
                .then().extract().header("ETag"), "the ETag of a write is the one a read then answers");
        given().header("Authorization", admin).header("If-Match", empty).contentType(ContentType.JSON)
                .body(Map.of("messages", Map.of("hi", "Bonjour {0}"))).put("/v1/tenants/{t}/messages/{l}", tenant, "fr")
                .then().statusCode(412).contentType(PROBLEM_JSON);
        given().header("Authorization", admin).get("/v1/tenants/{t}/messages/{l}", tenant, "fr").then()
                .body("messages.hi", equalTo("Salut {0}"));

        String settings = given().header("Authorization", admin).get("/v1/tenants/{t}/template-settings", tenant)
                .then().statusCode(200).extract().header("ETag");
        given().header("Authorization", admin).header("If-None-Match", settings)
                .get("/v1/tenants/{t}/template-settings", tenant).then().statusCode(304);
        given().header("Authorization", admin).header("If-Match", settings).contentType(ContentType.JSON)
                .body(Map.of("default_locale", "de")).put("/v1/tenants/{t}/template-settings", tenant).then()
                .statusCode(200);
        given().header("Authorization", admin).header("If-Match", settings).contentType(ContentType.JSON)
                .body(Map.of("default_locale", "fr")).put("/v1/tenants/{t}/template-settings", tenant).then()
                .statusCode(412).contentType(PROBLEM_JSON);
        given().header("Authorization", admin).get("/v1/tenants/{t}/template-settings", tenant).then()
                .body("default_locale", equalTo("de"));
    }

    @Test
    void localeAwareFormattingOfNumbersDatesAndCurrency() {
        String tenant = tenants.fresh("fmt");
        put(tenant, "invoice", Map.of("content_type", "text/plain", "locales", Map.of(
                "de", Map.of("body", "{fmt:currency(amount, 'EUR')} | {fmt:date(due, 'long')} | {fmt:number(n)}"),
                "en", Map.of("body", "{fmt:currency(amount, 'EUR')} | {fmt:date(due, 'long')} | {fmt:number(n)}"))))
                .statusCode(201);
        Map<String, Object> data = Map.of("amount", 1234.5, "due", "2024-12-24", "n", 1000000);
        render(tenant, tenantUser(tenant), "invoice", Map.of("data", data, "locale", "de"))
                .statusCode(200).body("body", equalTo("1.234,50\u00a0€ | 24. Dezember 2024 | 1.000.000"));
        render(tenant, tenantUser(tenant), "invoice", Map.of("data", data, "locale", "en"))
                .statusCode(200).body("body", equalTo("€1,234.50 | December 24, 2024 | 1,000,000"));
    }

    @Test
    void scriptInDataIsEscapedInHtml() {
        String tenant = tenants.fresh("xss");
        render(tenant, tenantUser(tenant), "welcome_email",
                Map.of("data", Map.of("user", "<script>alert(1)</script>"), "locale", "en"))
                .statusCode(200)
                .body("body", containsString("Hello &lt;script&gt;alert(1)&lt;/script&gt;,"))
                .body("body", not(containsString("<script>")));
        put(tenant, "hook", Map.of("content_type", "application/json",
                "locales", Map.of("en", Map.of("body", "{\"name\": \"{name}\"}")))).statusCode(201);
        render(tenant, tenantUser(tenant), "hook", Map.of("data", Map.of("name", "\"}, \"admin\": true, \"x\": {\""),
                "locale", "en"))
                .statusCode(200).body("body", equalTo("{\"name\": \"\\\"}, \\\"admin\\\": true, \\\"x\\\": {\\\"\"}"));
    }

    @Test
    void runawayTemplateIsCutOffAndTheServiceStaysUp() {
        String tenant = tenants.fresh("runaway");
        put(tenant, "runaway", draft("en", null, "{#for i in 2000000000}{#for j in 2000000000}x{/for}{/for}"))
                .statusCode(201);
        long start = System.nanoTime();
        render(tenant, tenantUser(tenant), "runaway", Map.of("data", Map.of(), "locale", "en"))
                .statusCode(422)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:tenancycore:problem:template:render-limit-exceeded"));
        put(tenant, "loop", Map.of("parameters", List.of("n"), "locales",
                Map.of("en", Map.of("body", "{#for i in n}{#for j in n}{#for k in n}{/for}{/for}{/for}")))).statusCode(201);
        render(tenant, tenantUser(tenant), "loop", Map.of("data", Map.of("n", 500), "locale", "en"))
                .statusCode(422).body("detail", containsString("loop iterations"));
        put(tenant, "big", Map.of("parameters", List.of("s"), "content_type", "text/plain", "locales",
                Map.of("en", Map.of("body", "{#for i in 9000}{s}{/for}")))).statusCode(201);
        render(tenant, tenantUser(tenant), "big", Map.of("data", Map.of("s", "y".repeat(100)), "locale", "en"))
                .statusCode(422).body("detail", containsString("characters"));
        org.junit.jupiter.api.Assertions.assertTrue(System.nanoTime() - start < 10_000_000_000L);
        render(tenant, tenantUser(tenant), "welcome_email", Map.of("data", Map.of("user", "Still"), "locale", "en"))
                .statusCode(200);
    }

    @Test
    void missingDataIsA422NamingTheExpression() {
        String tenant = tenants.fresh("missing");
        render(tenant, tenantUser(tenant), "escalation_notice", Map.of("data", Map.of("level", 2), "locale", "en"))
                .statusCode(422)
                .body("type", equalTo("urn:tenancycore:problem:template:render-failed"))
                .body("detail", containsString("alert"));
    }

    @Test
    void tenantACannotRenderOrReadTenantBsTemplates() {
        String a = tenants.fresh("a");
        String b = tenants.fresh("b");
        put(b, "secret_notice", draft("en", null, "B only")).statusCode(201);
        render(b, tenantUser(a), "secret_notice", Map.of("locale", "en"))
                .statusCode(403).contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:tenancycore:problem:template:cross-tenant-access"));
        given().header("Authorization", bearer(tenantUser(a)))
                .get("/v1/tenants/{t}/templates/{n}", b, "secret_notice").then().statusCode(403);
        // under its own tenant, A does not see B's template either
        render(a, tenantUser(a), "secret_notice", Map.of("locale", "en")).statusCode(404);
    }

    @Test
    void invalidTemplatesAreRefusedWithLineAndColumn() {
        String tenant = tenants.fresh("invalid");
        Map<String, Object> bad = Map.of("parameters", List.of("user"), "locales", Map.of(
                "en", Map.of("body", "Hello {user}\n  {password}\n{msg:no_such_key}"),
                "fr", Map.of("subject", "{#if user}oops", "body", "ok")));
        put(tenant, "broken", bad)
                .statusCode(422)
                .contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:tenancycore:problem:template:template-invalid"))
                .body("problems", hasSize(3))
                .body("problems.find { it.code == 'undeclared_parameter' }.line", equalTo(2))
                .body("problems.find { it.code == 'undeclared_parameter' }.column", equalTo(3))
                .body("problems.find { it.code == 'unknown_message_key' }.line", equalTo(3))
                .body("problems.find { it.code == 'syntax' }.locale", equalTo("fr"))
                .body("problems.find { it.code == 'syntax' }.part", equalTo("subject"))
                .body("violations.field", hasItem("locales.en.body"));
        given().header("Authorization", bearer(tenantAdmin(tenant)))
                .get("/v1/tenants/{t}/templates/{n}", tenant, "broken").then().statusCode(404);

        given().header("Authorization", bearer(tenantUser(tenant))).contentType(ContentType.JSON).body(bad)
                .post("/v1/tenants/{t}/templates/{n}/validate", tenant, "broken").then()
                .statusCode(200).body("valid", equalTo(false)).body("problems", hasSize(3));
        given().header("Authorization", bearer(tenantUser(tenant))).contentType(ContentType.JSON)
                .body(draft("en", null, "Hi {user}"))
                .post("/v1/tenants/{t}/templates/{n}/validate", tenant, "fine").then()
                .statusCode(200).body("valid", equalTo(true));
    }

    @Test
    void versionsHistoryRollbackAndOptimisticConcurrency() {
        String tenant = tenants.fresh("versions");
        String admin = bearer(tenantAdmin(tenant));
        // "0": based on the built-in / no override yet; the answer names the new version as Location and ETag
        given().header("Authorization", admin).header("If-Match", "\"0\"").contentType(ContentType.JSON)
                .body(draft("en", null, "first")).put("/v1/tenants/{t}/templates/{n}", tenant, "notice").then()
                .statusCode(201).header("ETag", "\"1\"")
                .header("Location", endsWith("/v1/tenants/" + tenant + "/templates/notice"))
                .body("version", equalTo(1));
        given().header("Authorization", admin).header("If-Match", "\"1\"").contentType(ContentType.JSON)
                .body(draft("en", null, "second")).put("/v1/tenants/{t}/templates/{n}", tenant, "notice").then()
                .statusCode(200).header("ETag", "\"2\"").body("version", equalTo(2));
        given().header("Authorization", admin).header("If-Match", "\"1\"").contentType(ContentType.JSON)
                .body(draft("en", null, "stale")).put("/v1/tenants/{t}/templates/{n}", tenant, "notice").then()
                .statusCode(412).contentType(PROBLEM_JSON)
                .body("type", equalTo("urn:tenancycore:problem:template:precondition-failed"));
        // the old body field is gone: refused as unknown, not silently ignored
        put(tenant, "notice", Map.of("locales", Map.of("en", Map.of("body", "x")), "expected_version", 2))
                .statusCode(400).body("type", equalTo("urn:tenancycore:problem:template:unknown-field"));

        // If-None-Match: the current version answers 304, an older one the template
        given().header("Authorization", bearer(tenantUser(tenant))).header("If-None-Match", "\"2\"")
                .get("/v1/tenants/{t}/templates/{n}", tenant, "notice").then().statusCode(304);
        given().header("Authorization", bearer(tenantUser(tenant))).header("If-None-Match", "\"1\"")
                .get("/v1/tenants/{t}/templates/{n}", tenant, "notice").then().statusCode(200)
                .header("ETag", "\"2\"").body("locales.en.body", equalTo("second"));

        given().header("Authorization", admin).header("If-Match", "\"1\"").contentType(ContentType.JSON)
                .body(Map.of("version", 1))
                .post("/v1/tenants/{t}/templates/{n}/rollback", tenant, "notice").then().statusCode(412);
        given().header("Authorization", admin).header("If-Match", "\"2\"").contentType(ContentType.JSON)
                .body(Map.of("version", 1))
                .post("/v1/tenants/{t}/templates/{n}/rollback", tenant, "notice").then()
                .statusCode(200).header("ETag", "\"3\"").body("version", equalTo(3)).body("restored_from", equalTo(1));
        render(tenant, tenantUser(tenant), "notice", Map.of("locale", "en"))
                .statusCode(200).body("body", equalTo("first")).body("version", equalTo(3));
        given().header("Authorization", bearer(tenantUser(tenant)))
                .get("/v1/tenants/{t}/templates/{n}/versions", tenant, "notice").then()
                .statusCode(200).body("items.version", equalTo(List.of(3, 2, 1)))
                .body("items.created_by", everyItem(equalTo("admin@" + tenant)))
                .body("next_cursor", nullValue());
        given().header("Authorization", bearer(tenantUser(tenant))).queryParam("limit", 2)
                .get("/v1/tenants/{t}/templates/{n}/versions", tenant, "notice").then()
                .statusCode(200).body("items.version", equalTo(List.of(3, 2))).body("next_cursor", equalTo("2"));
        given().header("Authorization", bearer(tenantUser(tenant)))
                .get("/v1/tenants/{t}/templates/{n}/versions/{v}", tenant, "notice", 2).then()
                .statusCode(200).body("locales.en.body", equalTo("second"));
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("version", 99))
                .post("/v1/tenants/{t}/templates/{n}/rollback", tenant, "notice").then().statusCode(404);

        given().header("Authorization", admin).header("If-Match", "\"2\"")
                .delete("/v1/tenants/{t}/templates/{n}", tenant, "notice").then().statusCode(412);
        given().header("Authorization", admin).header("If-Match", "\"3\"")
                .delete("/v1/tenants/{t}/templates/{n}", tenant, "notice").then().statusCode(204);
        render(tenant, tenantUser(tenant), "notice", Map.of("locale", "en")).statusCode(404);
        given().header("Authorization", admin)
                .delete("/v1/tenants/{t}/templates/{n}", tenant, "notice").then().statusCode(404);
        given().header("Authorization", bearer(tenantUser(tenant)))
                .get("/v1/tenants/{t}/templates/{n}/versions", tenant, "notice").then().statusCode(404);
        // a built-in the tenant never overrode has an empty history, not a 404
        given().header("Authorization", bearer(tenantUser(tenant)))
                .get("/v1/tenants/{t}/templates/{n}/versions", tenant, "welcome_email").then().statusCode(200)
                .body("items", hasSize(0));
        // numbers are never reused after a deletion, so no replica can confuse old and new compiled versions; the
        // tenant has no override again, so this is a create
        put(tenant, "notice", draft("en", null, "again")).statusCode(201).body("version", equalTo(4));
    }

    @Test
    void localesAndMessageKeysOfTheBundlesAreDiscoverable() {
        String tenant = tenants.fresh("discover");
        String user = bearer(tenantUser(tenant));
        given().header("Authorization", user).get("/v1/tenants/{t}/locales", tenant).then().statusCode(200)
                .body("items.locale", equalTo(List.of("de", "en", "es", "fr")))
                .body("items.builtin_messages", everyItem(equalTo(true)))
                .body("items.tenant_messages", everyItem(equalTo(false)))
                .body("next_cursor", nullValue());
        given().header("Authorization", user).queryParam("locale", "fr")
                .get("/v1/tenants/{t}/messages", tenant).then().statusCode(200)
                .body("items.locale", everyItem(equalTo("fr")))
                .body("items.find { it.key == 'welcome_subject' }.pattern", equalTo("Bienvenue chez {0}"))
                .body("items.find { it.key == 'welcome_subject' }.source", equalTo("builtin"));

        given().header("Authorization", bearer(tenantAdmin(tenant))).contentType(ContentType.JSON)
                .body(Map.of("messages", Map.of("welcome_subject", "Salut {0}", "promo_line", "Promo !")))
                .put("/v1/tenants/{t}/messages/{l}", tenant, "fr").then().statusCode(200);
        given().header("Authorization", bearer(tenantAdmin(tenant))).contentType(ContentType.JSON)
                .body(Map.of("messages", Map.of("ciao", "Ciao {0}")))
                .put("/v1/tenants/{t}/messages/{l}", tenant, "it").then().statusCode(200);
        given().header("Authorization", user).queryParam("locale", "fr")
                .get("/v1/tenants/{t}/messages", tenant).then().statusCode(200)
                .body("items.find { it.key == 'welcome_subject' }.pattern", equalTo("Salut {0}"))
                .body("items.find { it.key == 'welcome_subject' }.source", equalTo("tenant"))
                .body("items.find { it.key == 'welcome_subject' }.overrides_builtin", equalTo(true))
                .body("items.find { it.key == 'promo_line' }.overrides_builtin", equalTo(false))
                .body("items.find { it.key == 'welcome_greeting' }.source", equalTo("builtin"));
        given().header("Authorization", user).get("/v1/tenants/{t}/locales", tenant).then().statusCode(200)
                .body("items.find { it.locale == 'it' }.builtin_messages", equalTo(false))
                .body("items.find { it.locale == 'it' }.tenant_messages", equalTo(true))
                .body("items.find { it.locale == 'fr' }.tenant_messages", equalTo(true));

        // paged: every key of every locale exactly once across the pages
        int total = given().header("Authorization", user).queryParam("limit", 500)
                .get("/v1/tenants/{t}/messages", tenant).then().statusCode(200).extract().path("items.size()");
        List<String> seen = new java.util.ArrayList<>();
        String cursor = null;
        do {
            var page = given().header("Authorization", user).queryParam("limit", 7)
                    .queryParam("cursor", cursor == null ? "" : cursor)
                    .get("/v1/tenants/{t}/messages", tenant).then().statusCode(200).body("items.size()", lessThanOrEqualTo(7))
                    .extract();
            List<String> locales = page.path("items.locale");
            List<String> keys = page.path("items.key");
            for (int k = 0; k < keys.size(); k++) {
                seen.add(locales.get(k) + "/" + keys.get(k));
            }
            cursor = page.path("next_cursor");
        } while (cursor != null);
        assertEquals(total, seen.size());
        assertEquals(total, new java.util.HashSet<>(seen).size());

        // the same gates as every other read: token, own tenant, templates:read
        given().get("/v1/tenants/{t}/messages", tenant).then().statusCode(401);
        String other = tenants.fresh("snoop");
        given().header("Authorization", bearer(tenantUser(other))).get("/v1/tenants/{t}/messages", tenant).then()
                .statusCode(403).body("type", equalTo("urn:tenancycore:problem:template:cross-tenant-access"));
        given().header("Authorization", bearer(tenantUser(other))).get("/v1/tenants/{t}/locales", tenant).then()
                .statusCode(403);
        given().header("Authorization", bearer(TestTokens.token("nobody@" + tenant, tenant)))
                .get("/v1/tenants/{t}/messages", tenant).then()
                .statusCode(403).body("type", equalTo("urn:tenancycore:problem:template:permission-denied"));
        given().header("Authorization", user).queryParam("locale", "../x")
                .get("/v1/tenants/{t}/messages", tenant).then().statusCode(422);
    }

    @Test
    void refusals() {
        String tenant = tenants.fresh("refuse");
        // 401: no token
        given().contentType(ContentType.JSON).body(Map.of("locale", "en"))
                .post("/v1/tenants/{t}/templates/welcome_email/render", tenant).then()
                .statusCode(401).contentType(PROBLEM_JSON);
        // 403: tenant-user may render but not write
        given().header("Authorization", bearer(tenantUser(tenant))).contentType(ContentType.JSON)
                .body(draft("en", null, "x")).put("/v1/tenants/{t}/templates/{n}", tenant, "mine").then()
                .statusCode(403).body("type", equalTo("urn:tenancycore:problem:template:permission-denied"));
        // 404: unknown template
        render(tenant, tenantUser(tenant), "no_such_template", Map.of("locale", "en"))
                .statusCode(404).contentType(PROBLEM_JSON);
        // 422: bean validation (no locales, bad locale tag, bad name); 400: unknown JSON field, unparseable pattern
        put(tenant, "empty", Map.of("locales", Map.of())).statusCode(422).contentType(PROBLEM_JSON)
                .body("violations.field", hasItem(containsString("locales")));
        render(tenant, tenantUser(tenant), "welcome_email", Map.of("locale", "../../etc")).statusCode(422);
        render(tenant, tenantUser(tenant), "welcome_email", Map.of("locale", "en", "timezone", "Mars/Olympus"))
                .statusCode(422).body("violations.field", hasItem("timezone"));
        put(tenant, "Bad-Name", draft("en", null, "x")).statusCode(422);
        put(tenant, "extra", Map.of("locales", Map.of("en", Map.of("body", "x")), "owner", "me")).statusCode(400)
                .body("type", equalTo("urn:tenancycore:problem:template:unknown-field"));
        given().header("Authorization", bearer(tenantAdmin(tenant))).contentType(ContentType.JSON)
                .body(Map.of("messages", Map.of("broken", "unbalanced {0")))
                .put("/v1/tenants/{t}/messages/{l}", tenant, "en").then().statusCode(422)
                .body("violations.field", hasItem("messages.broken"));
        // 413: body above quarkus.http.limits.max-body-size
        put(tenant, "huge", draft("en", null, "x".repeat(600 * 1024))).statusCode(413).contentType(PROBLEM_JSON);
    }
}

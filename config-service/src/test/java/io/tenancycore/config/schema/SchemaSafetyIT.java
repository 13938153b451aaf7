package io.tenancycore.config.schema;

import static io.tenancycore.config.testing.Fixtures.admin;
import static io.tenancycore.config.testing.Fixtures.uniqueTenant;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import io.tenancycore.commons.testsupport.RealBroker;
import io.tenancycore.config.testing.FakeSecurityService;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Tenant schemas cannot stall validation, crash it or lock a namespace (issue #8, #16). */
@QuarkusTest
@TestProfile(RealBroker.class)
@QuarkusTestResource(value = FakeSecurityService.class, restrictToAnnotatedClass = false)
class SchemaSafetyIT {

    private static final String INVALID_SCHEMA = "urn:tenancycore:problem:config:invalid-schema";

    @Test
    void aCatastrophicPatternIsValidatedInBoundedTimeWithTheRightVerdict() {
        String tenant = uniqueTenant("redos");
        putSchema(tenant, "codes", """
                {"type": "object", "properties": {"code": {"type": "string", "pattern": "^(a+)+$"}}}""")
                .statusCode(201);
        String attack = "a".repeat(36) + "!";
        // on java.util.regex this write would run for minutes and hold a thread; RE2/J answers at once
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> putValue(tenant, "codes.code", "\"" + attack + "\"")
                .statusCode(422)
                .body("type", equalTo("urn:tenancycore:problem:config:schema-violation"))
                .body("violations.field", hasItems("codes.code"))
                .body("violations.code", hasItems("pattern")));
        putValue(tenant, "codes.code", "\"aaaa\"").statusCode(201);
    }

    @Test
    void aCostlyButLinearPatternOnALongValueIsRefusedInsteadOfHoldingAThread() {
        String tenant = uniqueTenant("costly");
        putSchema(tenant, "notes", """
                {"type": "object", "properties": {"text": {"type": "string", "pattern": "[a-z]{1,1000}b"}}}""")
                .statusCode(201);
        // matching would take seconds even on RE2/J (about 2,000 steps per character): over the budget
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> putValue(tenant, "notes.text",
                "\"" + "a".repeat(20_000) + "\"")
                .statusCode(422)
                .body("violations.code", hasItems("pattern_budget")));
        putValue(tenant, "notes.text", "\"ab\"").statusCode(201);
    }

    @Test
    void aBackreferenceIsRefusedOnSaveNamingThePatternsPath() {
        String tenant = uniqueTenant("backref");
        putSchema(tenant, "ids", """
                {"type": "object", "properties": {"twin": {"type": "string", "pattern": "^(\\\\w+)-\\\\1$"}},
                 "patternProperties": {"^(?!x)": {"type": "string"}}}""")
                .statusCode(422)
                .body("type", equalTo(INVALID_SCHEMA))
                .body("violations.field", hasItems("properties.twin.pattern", "patternProperties.^(?!x)"))
                .body("violations.code", hasItems("unsupported_pattern"))
                .body("violations[0].message", containsString("linear-time"));
        admin(tenant).get("/v1/tenants/" + tenant + "/config/schemas/ids").then().statusCode(404);
    }

    @Test
    void anOversizedPatternIsRefused() {
        String tenant = uniqueTenant("longpat");
        putSchema(tenant, "names", """
                {"type": "object", "properties": {"n": {"type": "string", "pattern": "%s"}}}"""
                .formatted("a".repeat(1001)))
                .statusCode(422)
                .body("type", equalTo(INVALID_SCHEMA))
                .body("violations", hasSize(1))
                .body("violations[0].field", equalTo("properties.n.pattern"))
                .body("violations[0].message", containsString("at most 1000"));
        putSchema(tenant, "names", """
                {"type": "object", "properties": {"n": {"type": "string", "pattern": "((a{1000}){1000}){1000}"}}}""")
                .statusCode(422).body("violations[0].message", containsString("repeats too much"));
    }

    @Test
    void aSchemaThatBreaksTheMetaSchemaIsRefusedWithEveryViolation() {
        String tenant = uniqueTenant("meta");
        putSchema(tenant, "smtp", """
                {"type": "nonsense", "required": "host", "properties": {"port": {"minimum": "one"}}}""")
                .statusCode(422)
                .body("type", equalTo(INVALID_SCHEMA))
                .body("violations.field", hasItems("type", "required", "properties.port.minimum"));
        // the namespace stays writable: nothing was saved
        putValue(tenant, "smtp.host", "\"mail.example.com\"").statusCode(201);
        putSchema(tenant, "smtp", "{\"type\": \"object\", \"$ref\": \"classpath:application.yaml\"}")
                .statusCode(422).body("type", equalTo(INVALID_SCHEMA));
    }

    @Test
    void aSchemaThatStoredValuesBreakIsAConflictNamingTheKeys() {
        String tenant = uniqueTenant("conflict");
        putValue(tenant, "smtp.host", "\"mail.example.com\"").statusCode(201);
        putValue(tenant, "smtp.port", "70000").statusCode(201);
        admin(tenant).queryParam("env", "prod").contentType("application/json").body("{\"value\": \"yes\"}")
                .put("/v1/tenants/" + tenant + "/config/keys/smtp.tls").then().statusCode(201);
        String schema = """
                {"type": "object", "properties": {"host": {"type": "string"},
                 "port": {"type": "integer", "maximum": 65535}, "tls": {"type": "boolean"}}}""";
        putSchema(tenant, "smtp", schema)
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:tenancycore:problem:config:schema-conflicts-with-values"))
                .body("violations.field", hasItems("smtp.port", "smtp.tls"))
                .body("violations", hasSize(2))
                .body("violations.find { it.field == 'smtp.tls' }.message", containsString("tenant@prod"));
        admin(tenant).get("/v1/tenants/" + tenant + "/config/schemas/smtp").then().statusCode(404);
        // once the values are fixed the same schema is accepted and applies to later writes
        putValue(tenant, "smtp.port", "25").statusCode(200);
        admin(tenant).queryParam("env", "prod").delete("/v1/tenants/" + tenant + "/config/keys/smtp.tls")
                .then().statusCode(204);
        putSchema(tenant, "smtp", schema).statusCode(201);
        putValue(tenant, "smtp.port", "70000").statusCode(422);
    }

    @Test
    void aChangedSchemaAppliesAtOnce() {
        String tenant = uniqueTenant("change");
        putSchema(tenant, "limits", "{\"properties\": {\"max\": {\"type\": \"integer\"}}}").statusCode(201);
        putValue(tenant, "limits.max", "\"ten\"").statusCode(422);
        putSchema(tenant, "limits", "{\"properties\": {\"max\": {\"type\": \"string\"}}}").statusCode(200);
        putValue(tenant, "limits.max", "\"ten\"").statusCode(201);
        admin(tenant).delete("/v1/tenants/" + tenant + "/config/schemas/limits").then().statusCode(204);
        putValue(tenant, "limits.max", "10").statusCode(200);
    }

    @Test
    void schemasFollowTheListCreateAndConcurrencyConventions() {
        String tenant = uniqueTenant("schemaapi");
        String base = "/v1/tenants/" + tenant + "/config/schemas/";
        putSchema(tenant, "alpha", "{\"type\": \"object\"}").statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith(base + "alpha"));
        putSchema(tenant, "beta", "{\"type\": \"object\"}").statusCode(201);
        String etag = admin(tenant).get(base + "alpha").then().statusCode(200).extract().header("ETag");
        admin(tenant).header("If-None-Match", etag).get(base + "alpha").then().statusCode(304);
        admin(tenant).contentType("application/json").header("If-Match", etag)
                .body("{\"type\": \"object\", \"required\": []}").put(base + "alpha").then().statusCode(200);
        admin(tenant).contentType("application/json").header("If-Match", etag).body("{\"type\": \"object\"}")
                .put(base + "alpha").then().statusCode(412);
        admin(tenant).contentType("application/json").header("If-None-Match", "*").body("{\"type\": \"object\"}")
                .put(base + "beta").then().statusCode(412);
        admin(tenant).queryParam("limit", 1).get(base).then().statusCode(200)
                .body("items.namespace", org.hamcrest.Matchers.contains("alpha")).body("next_cursor", equalTo("alpha"));
        admin(tenant).queryParam("limit", 1).queryParam("cursor", "alpha").get(base).then().statusCode(200)
                .body("items.namespace", org.hamcrest.Matchers.contains("beta"))
                .body("next_cursor", org.hamcrest.Matchers.nullValue());
        admin(tenant).queryParam("limit", "abc").get(base).then().statusCode(400);
        String empty = uniqueTenant("empty");
        admin(empty).get("/v1/tenants/" + empty + "/config/schemas").then().statusCode(200)
                .body("items", hasSize(0)).body("next_cursor", org.hamcrest.Matchers.nullValue());
    }

    private static ValidatableResponse putSchema(String tenant, String namespace, String schema) {
        return admin(tenant).contentType("application/json").body(schema)
                .put("/v1/tenants/" + tenant + "/config/schemas/" + namespace).then();
    }

    private static ValidatableResponse putValue(String tenant, String key, String json) {
        return admin(tenant).contentType("application/json").body("{\"value\": " + json + "}")
                .put("/v1/tenants/" + tenant + "/config/keys/" + key).then();
    }
}

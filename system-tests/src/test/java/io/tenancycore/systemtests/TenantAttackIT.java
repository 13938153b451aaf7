package io.tenancycore.systemtests;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a tenant administrator can try against the running suite to become more than a tenant administrator, or to
 * slow the platform down for everyone: each attempt is refused, and refused quickly.
 */
class TenantAttackIT {

    private static final List<String> PLATFORM_ROLES = List.of("platform-admin", "service", "platform-operator");
    private static String tenant;
    private static String victim;
    private static String tenantAdmin;
    private static Map<String, Object> adminClient;

    @BeforeAll
    static void tenants() {
        String platform = SuiteTokens.platformAdmin();
        tenant = "attacker-" + Long.toString(System.nanoTime(), 36);
        victim = "victim-" + Long.toString(System.nanoTime(), 36);
        SuiteTenants.register(platform, tenant);
        SuiteTenants.register(platform, victim);
        adminClient = SuiteTokens.newTenantClientCredentials(platform, tenant, "tenant-admin");
        tenantAdmin = SuiteTokens.token((String) adminClient.get("client_id"), (String) adminClient.get("client_secret"));
    }

    @Test
    void noPlatformRoleCanBeCreatedBoundOrGrantedByATenant() throws Exception {
        String clientId = (String) adminClient.get("client_id");
        for (String role : PLATFORM_ROLES) {
            security().body(Map.of("permissions", List.of("*"))).put("/v1/tenants/{t}/roles/{r}", tenant, role)
                    .then().statusCode(422).body("type", equalTo("urn:tenancycore:problem:security:reserved-role"));
            security().body(Map.of("roles", List.of(role))).put("/v1/tenants/{t}/bindings/{s}", tenant, clientId)
                    .then().statusCode(422).body("type", equalTo("urn:tenancycore:problem:security:reserved-role"));
            security().body(Map.of("name", "sneaky", "roles", List.of(role))).post("/v1/tenants/{t}/clients", tenant)
                    .then().statusCode(422).body("type", equalTo("urn:tenancycore:problem:security:reserved-role"));
        }
        // a fresh token of the tenant admin still carries no platform role and still cannot cross tenants
        String again = SuiteTokens.token(clientId, (String) adminClient.get("client_secret"));
        Map<?, ?> claims = new ObjectMapper().readValue(Base64.getUrlDecoder().decode(again.split("\\.")[1]), Map.class);
        for (String role : PLATFORM_ROLES) {
            assertFalse(((List<?>) claims.get("groups")).contains(role), claims.toString());
        }
        given().baseUri(SuiteTenants.CONFIG.baseUrl()).auth().oauth2(again).get("/v1/tenants/{t}/config", victim)
                .then().statusCode(403).body("type", equalTo("urn:tenancycore:problem:config:cross-tenant-access"));
        given().baseUri(SuiteTenants.CONFIG.baseUrl()).auth().oauth2(again).get("/v1/tenants")
                .then().statusCode(403);
    }

    @Test
    void theAuthorizationCheckDoesNotBelieveRolesTheCallerClaims() {
        security().body(Map.of("tenant_id", tenant, "subject", "someone-else", "permission", "keys:rotate",
                "roles", List.of("platform-admin")))
                .post("/v1/authz/check")
                .then().statusCode(422);
    }

    @Test
    void aCatastrophicSchemaPatternCannotHoldAThread() {
        config().body("""
                {"type": "object", "properties": {"code": {"type": "string", "pattern": "^(a+)+$"}}}""")
                .put("/v1/tenants/{t}/config/schemas/codes", tenant).then().statusCode(201);
        String attack = "a".repeat(40) + "!";
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> config()
                .body("{\"value\": \"" + attack + "\"}")
                .put("/v1/tenants/{t}/config/keys/codes.code", tenant)
                .then().statusCode(422).body("violations.code", hasItems("pattern")));
    }

    @Test
    void anUnboundedNumberInATemplateIsA422NotAnOutOfMemoryError() {
        given().baseUri(SuiteService.named("template-service").baseUrl()).auth().oauth2(tenantAdmin)
                .contentType(ContentType.JSON)
                .body(Map.of("content_type", "text/plain", "locales", Map.of("en", Map.of("body", "{fmt:number(amount)}"))))
                .put("/v1/tenants/{t}/templates/{n}", tenant, "huge_number")
                .then().statusCode(201);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> given()
                .baseUri(SuiteService.named("template-service").baseUrl()).auth().oauth2(tenantAdmin)
                .contentType(ContentType.JSON)
                .body(Map.of("data", Map.of("amount", "1E2000000"), "locale", "en"))
                .post("/v1/tenants/{t}/templates/{n}/render", tenant, "huge_number")
                .then().statusCode(422).body("limit", equalTo("number_exponent")));
    }

    @Test
    void guessingATenantClientsSecretIsSlowedDownAcrossTheWholeEndpoint() {
        String clientId = (String) SuiteTokens.newTenantClientCredentials(SuiteTokens.platformAdmin(), tenant,
                "tenant-user").get("client_id");
        int refused = 0;
        for (int attempt = 0; attempt < 15 && refused == 0; attempt++) {
            int status = SuiteTokens.tokenRequest(clientId, "wrong-secret-" + attempt).statusCode();
            if (status == 429) {
                refused++;
            }
        }
        SuiteTokens.tokenRequest(clientId, "one-more-guess").then().statusCode(429)
                .header("Retry-After", notNullValue());
    }

    private static RequestSpecification security() {
        return given().baseUri(SuiteTokens.SECURITY.baseUrl()).auth().oauth2(tenantAdmin).contentType(ContentType.JSON);
    }

    private static RequestSpecification config() {
        return given().baseUri(SuiteTenants.CONFIG.baseUrl()).auth().oauth2(tenantAdmin).contentType(ContentType.JSON);
    }
}

package io.tenancycore.systemtests;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tokens across real services: security-service issues them, template-service verifies them on its own against the
 * JWKS (DESIGN.md: every service checks tokens itself) and enforces tenant isolation.
 */
class CrossServiceTokenIT {

    private static final SuiteService TEMPLATES = SuiteService.named("template-service");
    private static final String TENANT = "sys-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String OTHER_TENANT = "sys-" + UUID.randomUUID().toString().substring(0, 8);
    private static final Map<String, Object> RENDER = Map.of("data", Map.of("user", "Jean"), "locale", "fr");

    private static String tenantToken;

    @BeforeAll
    static void tenantClientAndToken() {
        String admin = SuiteTokens.platformAdmin();
        SuiteTenants.register(admin, TENANT);
        tenantToken = SuiteTokens.newTenantClient(admin, TENANT, "tenant-user");
    }

    @Test
    void aTokenFromSecurityServiceIsAcceptedByTemplateService() {
        templates(tenantToken).body(RENDER)
                .post("/v1/tenants/{t}/templates/welcome_email/render", TENANT)
                .then().statusCode(200)
                .body("body", containsString("Bonjour Jean"));
    }

    @Test
    void aTenantUserMayRenderButNotWriteTemplates() {
        templates(tenantToken).body(Map.of("locales", Map.of("en", Map.of("body", "Hello {user}"))))
                .put("/v1/tenants/{t}/templates/greeting", TENANT)
                .then().statusCode(403)
                .contentType(startsWith("application/problem+json"))
                .body("detail", containsString("templates:write"));
    }

    @Test
    void theSameTokenCannotTouchAnotherTenant() {
        templates(tenantToken).body(RENDER)
                .post("/v1/tenants/{t}/templates/welcome_email/render", OTHER_TENANT)
                .then().statusCode(403)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(403));
    }

    @Test
    void aTamperedTokenIsRejected() {
        String[] parts = tenantToken.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]));
        String forgedPayload = payload.replace(TENANT, OTHER_TENANT);
        assertEquals(false, forgedPayload.equals(payload), "the tenant claim must be in the payload");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(forgedPayload.getBytes())
                + "." + parts[2];
        templates(forged).body(RENDER)
                .post("/v1/tenants/{t}/templates/welcome_email/render", OTHER_TENANT)
                .then().statusCode(401)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void noTokenIsUnauthorized() {
        given().baseUri(TEMPLATES.baseUrl()).contentType(ContentType.JSON).body(RENDER)
                .post("/v1/tenants/{t}/templates/welcome_email/render", TENANT)
                .then().statusCode(401)
                .contentType(startsWith("application/problem+json"));
    }

    private static RequestSpecification templates(String bearer) {
        return given().baseUri(TEMPLATES.baseUrl()).auth().oauth2(bearer).contentType(ContentType.JSON);
    }
}

package io.tenancycore.security.rbac;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.tenancycore.security.support.TestTokens;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code /v1/authz/check} answers from what subjects hold, never from roles a caller claims. */
@QuarkusTest
class AuthzCheckTest {

    private static ValidatableResponse check(String token, String subject, String tenant, String permission,
            List<String> roles) {
        Map<String, Object> body = new HashMap<>(Map.of("subject", subject, "tenant_id", tenant,
                "permission", permission));
        if (roles != null) {
            body.put("roles", roles);
        }
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/v1/authz/check").then();
    }

    @Test
    void aTenantCallerCannotClaimRolesForItselfOrOthers() {
        String tenant = TestTokens.uniqueTenant("authz");
        String admin = TestTokens.tenantToken(tenant, List.of("tenant-admin"));

        check(admin, "mallory", tenant, "keys:rotate", List.of("tenant-admin")).statusCode(422)
                .body("type", equalTo(AuthzResource.ROLES_NOT_ACCEPTED)).body("violations[0].field", equalTo("roles"));
        check(admin, "mallory", tenant, "keys:rotate", List.of()).statusCode(200).body("allowed", equalTo(false));
        check(admin, "mallory", tenant, "keys:rotate", null).statusCode(200).body("allowed", equalTo(false));
        // what the subject is bound to counts
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("roles", List.of("auditor")))
                .put("/v1/tenants/" + tenant + "/bindings/mallory").then().statusCode(201);
        check(admin, "mallory", tenant, "audit:read", null).statusCode(200)
                .body("allowed", equalTo(true)).body("decided_by.role", equalTo("auditor"));
        check(admin, "mallory", tenant, "keys:rotate", null).statusCode(200).body("allowed", equalTo(false));
        // a tenant admin asking about itself: its token's tenant-admin counts
        String adminId = (String) TestTokens.claims(admin).get("sub");
        check(admin, adminId, tenant, "keys:rotate", null).statusCode(200).body("allowed", equalTo(true))
                .body("decided_by.role", equalTo("tenant-admin"));
    }

    @Test
    void platformAdminMayAskWhatIfButPlatformRolesNeverCountForATenant() {
        String tenant = TestTokens.uniqueTenant("authz");
        String admin = TestTokens.admin();
        given().auth().oauth2(admin).post("/v1/tenants/" + tenant + "/roles/defaults").then().statusCode(200);
        check(admin, "carol", tenant, "audit:read", List.of("auditor")).statusCode(200)
                .body("allowed", equalTo(true)).body("decided_by.role", equalTo("auditor"));
        check(admin, "carol", tenant, "keys:rotate", List.of("platform-admin", "service")).statusCode(200)
                .body("allowed", equalTo(false));
        // platform-admin asking about itself: its own token decides
        check(admin, "platform-admin", tenant, "keys:rotate", null).statusCode(200)
                .body("allowed", equalTo(true)).body("decided_by.role", equalTo("platform-admin"));
    }

    @Test
    void aServiceIdentityWithoutAuthzCheckInItsScopeCannotAsk() {
        String tenant = TestTokens.uniqueTenant("authz");
        check(TestTokens.service("template-service"), "carol", tenant, "keys:decrypt", null).statusCode(403)
                .body("type", equalTo("urn:tenancycore:problem:security:permission-denied"));
    }
}

package io.tenancycore.security.rbac;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tenancycore.security.support.TestTokens;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Permission changes count for tokens already issued, and {@code /v1/authz/check} answers what enforcement does:
 * both read the subject's roles at request time, never the token's {@code groups}.
 */
@QuarkusTest
class LivePermissionsTest {

    private static boolean allowedByCheck(String admin, String subject, String tenant, String permission) {
        return given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("subject", subject, "tenant_id", tenant, "permission", permission))
                .post("/v1/authz/check").then().statusCode(200).extract().path("allowed");
    }

    private static int rotate(String token, String tenant) {
        return given().auth().oauth2(token).post("/v1/tenants/" + tenant + "/keys/live/rotate").then().extract()
                .statusCode();
    }

    @Test
    void aBindingCountsForALiveTokenAndItsRemovalStopsIt() {
        String tenant = TestTokens.uniqueTenant("live");
        String admin = TestTokens.admin();
        Map<String, String> client = TestTokens.client(tenant, List.of("tenant-user"));
        String subject = client.get("client_id");
        String token = TestTokens.token(subject, client.get("client_secret"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("permissions", List.of("keys:rotate")))
                .put("/v1/tenants/" + tenant + "/roles/key-rotator").then().statusCode(201);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("name", "live"))
                .post("/v1/tenants/" + tenant + "/keys").then().statusCode(201);

        assertEquals(false, allowedByCheck(admin, subject, tenant, "keys:rotate"));
        assertEquals(403, rotate(token, tenant));

        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("roles", List.of("key-rotator")))
                .put("/v1/tenants/" + tenant + "/bindings/" + subject).then().statusCode(201);
        assertEquals(true, allowedByCheck(admin, subject, tenant, "keys:rotate"));
        assertEquals(200, rotate(token, tenant), "the token issued before the binding");

        given().auth().oauth2(admin).delete("/v1/tenants/" + tenant + "/bindings/" + subject).then().statusCode(204);
        assertEquals(false, allowedByCheck(admin, subject, tenant, "keys:rotate"));
        assertEquals(403, rotate(token, tenant), "the token's groups are not what counts");

        // a token issued while bound loses the binding's power too
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("roles", List.of("key-rotator")))
                .put("/v1/tenants/" + tenant + "/bindings/" + subject).then().statusCode(201);
        String boundToken = TestTokens.token(subject, client.get("client_secret"));
        assertEquals(200, rotate(boundToken, tenant));
        given().auth().oauth2(admin).delete("/v1/tenants/" + tenant + "/bindings/" + subject).then().statusCode(204);
        assertEquals(403, rotate(boundToken, tenant));
        // its own roles still hold
        given().auth().oauth2(boundToken).get("/v1/tenants/" + tenant + "/keys/live").then().statusCode(200);
    }

    @Test
    void aDeletedClientsTokenHoldsNothing() {
        String tenant = TestTokens.uniqueTenant("live-del");
        String admin = TestTokens.admin();
        Map<String, String> client = TestTokens.client(tenant, List.of("tenant-user"));
        String token = TestTokens.token(client.get("client_id"), client.get("client_secret"));
        given().auth().oauth2(token).get("/v1/tenants/" + tenant + "/keys").then().statusCode(200);
        given().auth().oauth2(admin).delete("/v1/tenants/" + tenant + "/clients/" + client.get("client_id")).then()
                .statusCode(204);
        given().auth().oauth2(token).get("/v1/tenants/" + tenant + "/keys").then().statusCode(403);
    }

    @Test
    void unknownPermissionsAndRolesAreRefusedEachListed() {
        String tenant = TestTokens.uniqueTenant("unknown");
        String admin = TestTokens.admin();
        given().auth().oauth2(admin).post("/v1/tenants/" + tenant + "/roles/defaults").then().statusCode(200);

        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("permissions", List.of("keys:rotate", "reports:export", "nonsense:*", "config:*")))
                .put("/v1/tenants/" + tenant + "/roles/reporter").then().statusCode(422)
                .body("type", equalTo("urn:tenancycore:problem:security:unknown-permission"))
                .body("violations", hasSize(2))
                .body("violations[0].field", equalTo("permissions[1]"))
                .body("violations[0].code", equalTo("unknown_permission"))
                .body("violations[1].field", equalTo("permissions[2]"));
        given().auth().oauth2(admin).get("/v1/tenants/" + tenant + "/roles/reporter").then().statusCode(404);

        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("roles", List.of("auditor", "ghost", "phantom")))
                .put("/v1/tenants/" + tenant + "/bindings/carol").then().statusCode(422)
                .body("type", equalTo("urn:tenancycore:problem:security:unknown-role"))
                .body("violations.field", equalTo(List.of("roles[1]", "roles[2]")))
                .body("violations[0].code", equalTo("unknown_role"));
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "ghostly", "roles", List.of("ghost")))
                .post("/v1/tenants/" + tenant + "/clients").then().statusCode(422)
                .body("violations[0].field", equalTo("roles[0]"));
    }

    @Test
    void thePermissionCatalogueListsWhatRolesMayGrant() {
        given().auth().oauth2(TestTokens.admin()).get("/v1/permissions").then().statusCode(200)
                .body("items.name", hasItem("keys:rotate"))
                .body("items.name", hasItem("config:secrets:read"));
        given().get("/v1/permissions").then().statusCode(401);
    }

    private static void assertEquals(Object expected, Object actual) {
        org.junit.jupiter.api.Assertions.assertEquals(expected, actual);
    }

    private static void assertEquals(Object expected, Object actual, String message) {
        org.junit.jupiter.api.Assertions.assertEquals(expected, actual, message);
    }
}

package io.tenancycore.security.rbac;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tenancycore.security.support.TestTokens;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RbacPolicyAndLogsTest {

    @Test
    void authzCheckNamesTheDecidingGrantAndBindingsCount() {
        String tenant = TestTokens.uniqueTenant("rb");
        String admin = TestTokens.tenantToken(tenant, List.of("tenant-admin"));
        given().auth().oauth2(admin).get("/v1/tenants/" + tenant + "/roles").then().statusCode(200)
                .body("items.name", hasItems("tenant-admin", "tenant-user", "auditor"));
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("permissions", List.of("compliance:*"), "description", "reporting"))
                .put("/v1/tenants/" + tenant + "/roles/reporter").then().statusCode(201);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("permissions", List.of("Bad Perm")))
                .put("/v1/tenants/" + tenant + "/roles/reporter").then().statusCode(422);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("roles", List.of("ghost")))
                .put("/v1/tenants/" + tenant + "/bindings/bob").then().statusCode(422);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("roles", List.of("reporter")))
                .put("/v1/tenants/" + tenant + "/bindings/bob").then().statusCode(201);

        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("subject", "bob", "tenant_id", tenant, "permission", "compliance:read"))
                .post("/v1/authz/check").then().statusCode(200)
                .body("allowed", equalTo(true)).body("decided_by.role", equalTo("reporter"))
                .body("decided_by.grant", equalTo("compliance:*"));
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("subject", "bob", "tenant_id", tenant, "permission", "keys:rotate"))
                .post("/v1/authz/check").then().statusCode(200)
                .body("allowed", equalTo(false)).body("decided_by", nullValue());
        // roles in the body are a platform-admin's "what if"; from a tenant they are refused (issue 8)
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("subject", "carol", "tenant_id", tenant, "roles", List.of("auditor"),
                        "permission", "audit:read"))
                .post("/v1/authz/check").then().statusCode(422)
                .body("type", equalTo("urn:tenancycore:problem:security:roles-not-accepted"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("subject", "carol", "tenant_id", tenant, "roles", List.of("auditor"),
                        "permission", "audit:read"))
                .post("/v1/authz/check").then().statusCode(200).body("decided_by.role", equalTo("auditor"));
        // a tenant token may not ask about another tenant
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("subject", "bob", "tenant_id", TestTokens.uniqueTenant("other"), "permission", "x:y"))
                .post("/v1/authz/check").then().statusCode(403);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("subject", "bob"))
                .post("/v1/authz/check").then().statusCode(422);
    }

    @Test
    void policyIsSchemaValidatedAndDrivesTokenTtlAndAllowedAddresses() {
        String tenant = TestTokens.uniqueTenant("pol");
        String platform = TestTokens.admin();
        Map<String, String> client = TestTokens.client(tenant, List.of("tenant-user"));
        given().auth().oauth2(platform).contentType(ContentType.JSON)
                .body(Map.of("token_ttl_seconds", 5, "colour", "red"))
                .put("/v1/tenants/" + tenant + "/policy").then().statusCode(422)
                .body("violations.field", hasItem("token_ttl_seconds"));
        given().auth().oauth2(platform).contentType(ContentType.JSON).body(Map.of("token_ttl_seconds", 600))
                .put("/v1/tenants/" + tenant + "/policy").then().statusCode(200)
                .body("token_ttl_seconds", equalTo(600)).body("key_rotation_period_days", equalTo(90));
        given().contentType(ContentType.URLENC).formParam("grant_type", "client_credentials")
                .formParam("client_id", client.get("client_id")).formParam("client_secret", client.get("client_secret"))
                .post("/v1/auth/token").then().statusCode(200).body("expires_in", equalTo(600));
        given().auth().oauth2(platform).contentType(ContentType.JSON)
                .body(Map.of("allowed_client_cidrs", List.of("203.0.113.0/24")))
                .put("/v1/tenants/" + tenant + "/policy").then().statusCode(200);
        given().contentType(ContentType.URLENC).formParam("grant_type", "client_credentials")
                .formParam("client_id", client.get("client_id")).formParam("client_secret", client.get("client_secret"))
                .post("/v1/auth/token").then().statusCode(401);
    }

    @Test
    void noSecretKeyOrPlaintextReachesTheLogs() throws Exception {
        String tenant = TestTokens.uniqueTenant("log");
        Map<String, String> client = TestTokens.client(tenant, List.of("tenant-admin"));
        String token = TestTokens.token(client.get("client_id"), client.get("client_secret"));
        String plaintext = "log-canary-" + tenant;
        String b64 = Base64.getEncoder().encodeToString(plaintext.getBytes(StandardCharsets.UTF_8));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("name", "k"))
                .post("/v1/tenants/" + tenant + "/keys").then().statusCode(201);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("plaintext", b64))
                .post("/v1/tenants/" + tenant + "/keys/k/encrypt").then().statusCode(200);
        String dataKey = given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of())
                .post("/v1/tenants/" + tenant + "/keys/k/datakey/plaintext").then().statusCode(200)
                .extract().path("plaintext");
        given().contentType(ContentType.URLENC).formParam("grant_type", "client_credentials")
                .formParam("client_id", client.get("client_id")).formParam("client_secret", "wrong-" + plaintext)
                .post("/v1/auth/token").then().statusCode(401);

        String logs = Files.readString(Path.of("target/security-service-test.log"));
        assertTrue(logs.contains(tenant) || logs.length() > 0, "the test log is written");
        for (String secret : List.of(client.get("client_secret"), TestTokens.ADMIN_SECRET, plaintext, b64, dataKey,
                token, "q8Yy0m3W1i3n9hE2m2mR7m0QhZb1bXo3m3oK0c6R1e0=", "wrong-" + plaintext)) {
            assertFalse(logs.contains(secret), "a secret appeared in the log");
        }
    }
}

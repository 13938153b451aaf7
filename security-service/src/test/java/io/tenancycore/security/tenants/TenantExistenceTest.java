package io.tenancycore.security.tenants;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.tenancycore.commons.tenantstatus.TenantStatus;
import io.tenancycore.security.support.TestTokens;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Nothing is written for a tenant nobody registered or that was deleted, and such a tenant gets no token. */
@QuarkusTest
@TestProfile(TenantRegistryProfile.class)
class TenantExistenceTest {

    @Test
    void anUnregisteredTenantGetsNoClientsRolesOrKeys() {
        String tenant = TestTokens.uniqueTenant("ghost");
        String admin = TestTokens.admin();
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "ghost client", "roles", List.of("tenant-user")))
                .post("/v1/tenants/" + tenant + "/clients").then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:tenancycore:problem:security:tenant-not-found"));
        given().auth().oauth2(admin).post("/v1/tenants/" + tenant + "/roles/defaults").then().statusCode(404);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("name", "k"))
                .post("/v1/tenants/" + tenant + "/keys").then().statusCode(404);
    }

    @Test
    void aDeletedTenantsClientsGetNoTokenAndNothingIsWrittenForIt() {
        String tenant = TestTokens.uniqueTenant("gone");
        StubTenantDirectory.STATUSES.put(tenant, TenantStatus.ACTIVE);
        Map<String, String> client = TestTokens.client(tenant, List.of("tenant-admin"));
        TestTokens.token(client.get("client_id"), client.get("client_secret"));

        StubTenantDirectory.STATUSES.put(tenant, TenantStatus.DELETED);
        given().contentType(ContentType.URLENC).formParam("grant_type", "client_credentials")
                .formParam("client_id", client.get("client_id")).formParam("client_secret", client.get("client_secret"))
                .post("/v1/auth/token").then().statusCode(401).body("error", equalTo("invalid_client"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "late", "roles", List.of("tenant-user")))
                .post("/v1/tenants/" + tenant + "/clients").then().statusCode(409)
                .body("type", equalTo("urn:tenancycore:problem:security:tenant-deleted"));
    }
}

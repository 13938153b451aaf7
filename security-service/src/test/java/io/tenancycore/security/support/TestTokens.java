package io.tenancycore.security.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Obtains real tokens from the running service, the way other services and users do. */
public final class TestTokens {

    public static final String ADMIN_SECRET = "test-admin-secret-7f3c9a1e5b2d4c6f8a0b";

    private TestTokens() {
    }

    public static String uniqueTenant(String purpose) {
        return purpose + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static String token(String clientId, String secret) {
        return given().contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", clientId)
                .formParam("client_secret", secret)
                .post("/v1/auth/token")
                .then().statusCode(200)
                .extract().path("access_token");
    }

    public static String admin() {
        return token("platform-admin", ADMIN_SECRET);
    }

    /** A client of the tenant with the roles (default roles are created first); returns {client_id, client_secret}. */
    public static Map<String, String> client(String tenant, List<String> roles) {
        String admin = admin();
        given().auth().oauth2(admin).post("/v1/tenants/" + tenant + "/roles/defaults").then().statusCode(200);
        return given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "test client", "roles", roles))
                .post("/v1/tenants/" + tenant + "/clients")
                .then().statusCode(201)
                .extract().as(Map.class);
    }

    public static String tenantToken(String tenant, List<String> roles) {
        Map<String, String> client = client(tenant, roles);
        return token(client.get("client_id"), client.get("client_secret"));
    }
}

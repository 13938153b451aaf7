package io.tenancycore.systemtests;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Tokens from the running security-service: the platform admin's, and new tenant clients'. */
final class SuiteTokens {

    static final SuiteService SECURITY = SuiteService.named("security-service");

    private SuiteTokens() {
    }

    static String platformAdmin() {
        return token("platform-admin", adminSecret());
    }

    /** The platform admin's token from the token endpoint at {@code tokenUrl} (e.g. the gateway's route to it). */
    static String platformAdmin(String tokenUrl) {
        return token(tokenUrl, "platform-admin", adminSecret());
    }

    /** Creates an OAuth2 client of {@code tenant} with {@code roles} and returns a token of it. */
    static String newTenantClient(String adminToken, String tenant, String... roles) {
        Map<String, Object> client = newTenantClientCredentials(adminToken, tenant, roles);
        return token((String) client.get("client_id"), (String) client.get("client_secret"));
    }

    /** Creates an OAuth2 client of {@code tenant}; the answer holds {@code client_id} and {@code client_secret}. */
    static Map<String, Object> newTenantClientCredentials(String adminToken, String tenant, String... roles) {
        return given().baseUri(SECURITY.baseUrl())
                .auth().oauth2(adminToken)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "system test client", "roles", List.of(roles)))
                .post("/v1/tenants/{t}/clients", tenant)
                .then().statusCode(201)
                .extract().jsonPath().getMap("");
    }

    static io.restassured.response.Response tokenRequest(String clientId, String secret) {
        return tokenRequest(SECURITY.baseUrl() + "/v1/auth/token", clientId, secret);
    }

    static io.restassured.response.Response tokenRequest(String tokenUrl, String clientId, String secret) {
        return given()
                .contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", clientId)
                .formParam("client_secret", secret)
                .post(tokenUrl);
    }

    static String token(String clientId, String secret) {
        return token(SECURITY.baseUrl() + "/v1/auth/token", clientId, secret);
    }

    static String token(String tokenUrl, String clientId, String secret) {
        return tokenRequest(tokenUrl, clientId, secret)
                .then().statusCode(200)
                .body("token_type", equalTo("Bearer"))
                .extract().path("access_token");
    }

    /** The suite keeps the generated admin secret in its data folder; `./suite test` passes the folder. */
    private static String adminSecret() {
        String dir = System.getProperty("tenancy.secrets.dir", ".data/secrets");
        try {
            return Files.readString(Path.of(dir, "TENANCY_ADMIN_SECRET")).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("the suite's admin secret is not readable in " + dir, e);
        }
    }
}

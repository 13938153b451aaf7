package io.tenancycore.systemtests;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A tenant registered in config-service stores a secret configuration value: config-service encrypts it through
 * security-service's transit engine with its own service token, serves it masked, and reveals it only on request.
 */
class SecretsAcrossServicesIT {

    private static final String TENANT = "sec-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String OTHER = "sec-" + UUID.randomUUID().toString().substring(0, 8);
    /** The suite scans the services' logs for the marker (plaintext-canary) after the system tests: it must never appear. */
    private static final String PASSWORD = "plaintext-canary-db-pass-" + UUID.randomUUID();

    private static String tenantToken;
    private static String otherToken;

    @BeforeAll
    static void registerTenantsAndStoreSecret() {
        String admin = SuiteTokens.platformAdmin();
        SuiteTenants.register(admin, TENANT);
        SuiteTenants.register(admin, OTHER);
        tenantToken = SuiteTokens.newTenantClient(admin, TENANT, "tenant-admin");
        otherToken = SuiteTokens.newTenantClient(admin, OTHER, "tenant-admin");
        as(tenantToken).body(Map.of("value", PASSWORD, "secret", true))
                .put("/v1/tenants/{t}/config/keys/db.password", TENANT)
                .then().statusCode(201);
    }

    @Test
    void theSecretIsMaskedUnlessRevealed() {
        as(tenantToken).get("/v1/tenants/{t}/config/keys/db.password", TENANT)
                .then().statusCode(200)
                .body("secret", equalTo(true))
                .body("value", not(equalTo(PASSWORD)));
        as(tenantToken).queryParam("reveal", true).get("/v1/tenants/{t}/config/keys/db.password", TENANT)
                .then().statusCode(200)
                .body("value", equalTo(PASSWORD));
    }

    @Test
    void theSecretWasEncryptedWithTheTenantsOwnTransitKey() {
        given().baseUri(SuiteTokens.SECURITY.baseUrl()).auth().oauth2(tenantToken)
                .get("/v1/tenants/{t}/keys/config-secrets", TENANT)
                .then().statusCode(200)
                .body("name", equalTo("config-secrets"))
                .body("latest_version", equalTo(1));
    }

    @Test
    void anotherTenantCannotReadIt() {
        as(otherToken).queryParam("reveal", true).get("/v1/tenants/{t}/config/keys/db.password", TENANT)
                .then().statusCode(403)
                .contentType(startsWith("application/problem+json"));
    }

    private static RequestSpecification as(String bearer) {
        return given().baseUri(SuiteTenants.CONFIG.baseUrl()).auth().oauth2(bearer).contentType(ContentType.JSON);
    }
}

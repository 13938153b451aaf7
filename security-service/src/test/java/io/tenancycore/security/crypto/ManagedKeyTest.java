package io.tenancycore.security.crypto;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.tenancycore.security.support.TestTokens;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The key config-service keeps a tenant's secrets under is config-service's alone. */
@QuarkusTest
class ManagedKeyTest {

    private static final String PLAINTEXT = Base64.getEncoder().encodeToString("db password".getBytes());

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    @Test
    void theTenantCanNeitherChangeNorUseConfigServicesKey() {
        String tenant = TestTokens.uniqueTenant("managed");
        String tenantAdmin = TestTokens.tenantToken(tenant, List.of("tenant-admin"));
        String configService = TestTokens.service("config-service");
        String keys = "/v1/tenants/" + tenant + "/keys";

        // the tenant cannot take the name first
        as(tenantAdmin).body(Map.of("name", "config-secrets")).post(keys).then().statusCode(403)
                .body("type", equalTo(ManagedKeys.TYPE));
        as(configService).body(Map.of("name", "config-secrets")).post(keys).then().statusCode(201);
        String ciphertext = as(configService).body(Map.of("plaintext", PLAINTEXT))
                .post(keys + "/config-secrets/encrypt").then().statusCode(200).extract().path("ciphertext");

        as(tenantAdmin).body(Map.of("deletion_allowed", true)).post(keys + "/config-secrets/config").then()
                .statusCode(403).body("type", equalTo(ManagedKeys.TYPE));
        as(tenantAdmin).delete(keys + "/config-secrets").then().statusCode(403);
        as(tenantAdmin).post(keys + "/config-secrets/rotate").then().statusCode(403);
        as(tenantAdmin).body(Map.of("ciphertext", ciphertext)).post(keys + "/config-secrets/decrypt").then()
                .statusCode(403);
        // its metadata stays visible, and config-service still decrypts
        as(tenantAdmin).get(keys + "/config-secrets").then().statusCode(200).body("latest_version", equalTo(1));
        as(configService).body(Map.of("ciphertext", ciphertext)).post(keys + "/config-secrets/decrypt").then()
                .statusCode(200).body("plaintext", equalTo(PLAINTEXT));
        // the tenant's own keys are untouched by this
        as(tenantAdmin).body(Map.of("name", "orders")).post(keys).then().statusCode(201);
    }
}

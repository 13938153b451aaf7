package io.tenancycore.security.token;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.tenancycore.security.support.TestTokens;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

/**
 * Least privilege of service identities: each service's token carries the permissions it needs ({@code scope}) and
 * the services it calls ({@code aud}), never {@code *} nor the platform audience.
 */
@QuarkusTest
class ServiceIdentityTest {

    private static final String SECRET = Base64.getEncoder()
            .encodeToString("tenant secret".getBytes(StandardCharsets.UTF_8));

    @Inject
    SigningKeyRing ring;

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    @Test
    void eachTokenCarriesTheScopeAndAudienceOfWhoHoldsIt() {
        Map<String, Object> config = TestTokens.claims(TestTokens.service("config-service"));
        assertEquals(List.of("service"), config.get("groups"));
        assertEquals("roles:read tenants:read keys:write keys:encrypt keys:decrypt", config.get("scope"));
        assertEquals(List.of("security-service", "config-service"), config.get("aud"));
        assertFalse(config.containsKey("tenant_id"));

        Map<String, Object> template = TestTokens.claims(TestTokens.service("template-service"));
        assertEquals("roles:read tenants:read", template.get("scope"));
        assertEquals(List.of("security-service", "config-service"), template.get("aud"));

        Map<String, Object> admin = TestTokens.claims(TestTokens.admin());
        assertEquals(List.of(TestTokens.PLATFORM_AUDIENCE), admin.get("aud"));
        assertNull(admin.get("scope"));

        String tenant = TestTokens.uniqueTenant("svc");
        Map<String, Object> tenantClaims = TestTokens.claims(TestTokens.tenantToken(tenant, List.of("tenant-admin")));
        assertEquals(List.of(TestTokens.PLATFORM_AUDIENCE), tenantClaims.get("aud"));
        assertNull(tenantClaims.get("scope"));
    }

    @Test
    void aLeakedTemplateServiceSecretDecryptsNoTenantData() {
        String tenant = TestTokens.uniqueTenant("svc");
        String base = "/v1/tenants/" + tenant + "/keys";
        String tenantAdmin = TestTokens.tenantToken(tenant, List.of("tenant-admin"));
        as(tenantAdmin).body(Map.of("name", "secrets")).post(base).then().statusCode(201);
        String ciphertext = as(tenantAdmin).body(Map.of("plaintext", SECRET)).post(base + "/secrets/encrypt")
                .then().statusCode(200).extract().path("ciphertext");

        String template = TestTokens.service("template-service");
        as(template).body(Map.of("ciphertext", ciphertext)).post(base + "/secrets/decrypt").then().statusCode(403)
                .body("type", equalTo("urn:tenancycore:problem:security:permission-denied"));
        as(template).body(Map.of("plaintext", SECRET)).post(base + "/secrets/encrypt").then().statusCode(403);
        as(template).body(Map.of()).post(base + "/secrets/datakey/plaintext").then().statusCode(403);
        as(template).get(base).then().statusCode(403);
        // what it does need
        as(template).get("/v1/tenants/" + tenant + "/roles").then().statusCode(200);

        // config-service keeps tenant secrets: it may decrypt, and nothing beyond its scope
        String config = TestTokens.service("config-service");
        as(config).body(Map.of("ciphertext", ciphertext)).post(base + "/secrets/decrypt").then().statusCode(200)
                .body("plaintext", equalTo(SECRET));
        as(config).post(base + "/secrets/rotate").then().statusCode(403);
        as(config).delete(base + "/secrets").then().statusCode(403);
        as(config).get("/v1/tenants/" + tenant + "/audit").then().statusCode(403);
        as(config).get("/v1/tenants/" + tenant + "/clients").then().statusCode(403);
        as(config).get("/v1/admin/signing-keys").then().statusCode(403);
    }

    @Test
    void aServiceTokenWithoutScopeHoldsNothingAndTokensForOtherServicesAreRefusedHere() {
        String tenant = TestTokens.uniqueTenant("svc");
        as(TestTokens.admin()).post("/v1/tenants/" + tenant + "/roles/defaults").then().statusCode(200);
        String roles = "/v1/tenants/" + tenant + "/roles";

        JwtClaims noScope = new JwtClaims();
        noScope.setSubject("template-service");
        noScope.setAudience(List.of("security-service"));
        noScope.setStringListClaim("groups", List.of("service"));
        as(TestTokens.signed(ring, noScope)).get(roles).then().statusCode(403);

        JwtClaims forAlerts = new JwtClaims();
        forAlerts.setSubject("platform-admin");
        forAlerts.setAudience(List.of("alert-service"));
        forAlerts.setStringListClaim("groups", List.of("platform-admin"));
        as(TestTokens.signed(ring, forAlerts)).get(roles).then().statusCode(401);

        JwtClaims noAudience = new JwtClaims();
        noAudience.setSubject("platform-admin");
        noAudience.setStringListClaim("groups", List.of("platform-admin"));
        as(TestTokens.signed(ring, noAudience)).get(roles).then().statusCode(401);

        JwtClaims forThisService = new JwtClaims();
        forThisService.setSubject("platform-admin");
        forThisService.setAudience(List.of("alert-service", "security-service"));
        forThisService.setStringListClaim("groups", List.of("platform-admin"));
        as(TestTokens.signed(ring, forThisService)).get(roles).then().statusCode(200);
    }
}

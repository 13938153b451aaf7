package io.tenancycore.security.support;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import io.tenancycore.security.token.SigningKeyRing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/**
 * Obtains real tokens from the running service, the way other services and users do: tenant and platform-admin
 * tokens carry the platform audience ({@value #PLATFORM_AUDIENCE}), service tokens their configured scope and
 * audiences. {@link #claims} reads a token's payload for assertions.
 */
public final class TestTokens {

    public static final String ADMIN_SECRET = "test-admin-secret-7f3c9a1e5b2d4c6f8a0b";
    public static final String PLATFORM_AUDIENCE = "tenancy-core";
    /** Service clients of the test configuration (application.properties). */
    public static final String CONFIG_SERVICE_SECRET = "test-config-service-secret-0a1b2c3d4e5f";
    public static final String TEMPLATE_SERVICE_SECRET = "test-template-service-secret-9f8e7d6c5b4a";

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

    /** The token of a service identity (client id = service name). */
    public static String service(String name) {
        return switch (name) {
            case "config-service" -> token(name, CONFIG_SERVICE_SECRET);
            case "template-service" -> token(name, TEMPLATE_SERVICE_SECRET);
            default -> throw new IllegalArgumentException("no test secret for service client " + name);
        };
    }

    /**
     * A token signed with the service's active key, as an attacker holding a stolen or planted claim set would need:
     * {@code iss}, {@code iat}, {@code exp} (5 minutes) and {@code jti} are added.
     */
    public static String signed(SigningKeyRing ring, JwtClaims claims) {
        claims.setIssuer("tenancy-core");
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(5);
        claims.setGeneratedJwtId();
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setKeyIdHeaderValue(ring.activeKid().orElseThrow());
        jws.setKey(ring.activeSigner().getValue());
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The claims of a token (not verified: for assertions on what the service issued). */
    public static Map<String, Object> claims(String token) {
        try {
            return new ObjectMapper().readValue(Base64.getUrlDecoder().decode(token.split("\\.")[1]),
                    new TypeReference<Map<String, Object>>() {
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

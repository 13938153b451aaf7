package io.tenancycore.security.token;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tenancycore.security.support.TestTokens;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.spec.SecretKeySpec;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TokenApiTest {

    @Inject
    SigningKeyRing ring;

    private static final String ISSUER = "tenancy-core";

    @Test
    void clientCredentialsGiveAnRs256TokenWithTheDesignClaims() throws Exception {
        String tenant = TestTokens.uniqueTenant("tok");
        Map<String, String> client = TestTokens.client(tenant, List.of("tenant-user"));
        assertNotEquals(null, client.get("client_secret"));
        String token = given().auth().preemptive().basic(client.get("client_id"), client.get("client_secret"))
                .contentType(ContentType.URLENC).formParam("grant_type", "client_credentials")
                .post("/v1/auth/token")
                .then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("token_type", equalTo("Bearer"))
                .body("expires_in", equalTo(3600))
                .extract().path("access_token");
        String[] parts = token.split("\\.");
        Map<?, ?> header = new com.fasterxml.jackson.databind.ObjectMapper()
                .readValue(Base64.getUrlDecoder().decode(parts[0]), Map.class);
        Map<?, ?> claims = new com.fasterxml.jackson.databind.ObjectMapper()
                .readValue(Base64.getUrlDecoder().decode(parts[1]), Map.class);
        assertEquals("RS256", header.get("alg"));
        assertEquals(ring.activeKid().orElseThrow(), header.get("kid"));
        assertEquals(ISSUER, claims.get("iss"));
        assertEquals(client.get("client_id"), claims.get("sub"));
        assertEquals(tenant, claims.get("tenant_id"));
        assertEquals(List.of("tenant-user"), claims.get("groups"));
        assertNotEquals(null, claims.get("jti"));

        // the secret is never shown again
        given().auth().oauth2(TestTokens.admin()).get("/v1/tenants/" + tenant + "/clients")
                .then().statusCode(200).body("items[0].client_secret", equalTo(null)).body("items[0].secret_hash", equalTo(null));
    }

    @Test
    void wrongSecretUnknownClientAndBadGrantAreRefused() {
        given().contentType(ContentType.URLENC).formParam("grant_type", "client_credentials")
                .formParam("client_id", "platform-admin").formParam("client_secret", "wrong")
                .post("/v1/auth/token").then().statusCode(401).contentType("application/json")
                .body("error", equalTo("invalid_client"));
        given().contentType(ContentType.URLENC).formParam("grant_type", "client_credentials")
                .formParam("client_id", "nobody").formParam("client_secret", "x")
                .post("/v1/auth/token").then().statusCode(401);
        given().contentType(ContentType.URLENC).formParam("grant_type", "password")
                .formParam("client_id", "platform-admin").formParam("client_secret", TestTokens.ADMIN_SECRET)
                .post("/v1/auth/token").then().statusCode(400);
        given().contentType(ContentType.URLENC).formParam("grant_type", "client_credentials")
                .post("/v1/auth/token").then().statusCode(400);
    }

    @Test
    void jwksPublishesTheActiveKeyWithoutPrivateParts() {
        given().get("/.well-known/jwks.json").then().statusCode(200)
                .body("keys.kid", hasItem(ring.activeKid().orElseThrow()))
                .body("keys[0].kty", equalTo("RSA"))
                .body("keys[0].d", equalTo(null))
                .body("keys[0].p", equalTo(null));
    }

    @Test
    void attackTokensAreRefused() throws Exception {
        String tenant = TestTokens.uniqueTenant("atk");
        String path = "/v1/tenants/" + tenant + "/keys";
        // the control: a token this ring signed for a real client of the tenant is accepted
        Map<String, String> client = TestTokens.client(tenant, List.of("tenant-admin"));
        JwtClaims goodClaims = claims(tenant, ISSUER, Instant.now().plusSeconds(300));
        goodClaims.setSubject(client.get("client_id"));
        String good = sign(goodClaims, ring.activeKid().orElseThrow(), ring.activeSigner().getValue());
        given().auth().oauth2(TestTokens.token(client.get("client_id"), client.get("client_secret"))).get(path).then()
                .statusCode(200);
        given().auth().oauth2(good).get(path).then().statusCode(200);

        // tampered: payload changed, signature kept
        String[] parts = good.split("\\.");
        String forgedClaims = claims(tenant, ISSUER, Instant.now().plusSeconds(300)).toJson()
                .replace("tenant-admin", "platform-admin");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(forgedClaims.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        given().auth().oauth2(tampered).get(path).then().statusCode(401);

        // alg: none
        String none = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "."
                + b64(claims(tenant, ISSUER, Instant.now().plusSeconds(300)).toJson()) + ".";
        given().auth().oauth2(none).get(path).then().statusCode(401);

        // HS256 with the public key as HMAC secret (algorithm confusion)
        JsonWebSignature hs = new JsonWebSignature();
        hs.setPayload(claims(tenant, ISSUER, Instant.now().plusSeconds(300)).toJson());
        hs.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        hs.setKeyIdHeaderValue(ring.activeKid().orElseThrow());
        hs.setKey(new SecretKeySpec(ring.publicKey(ring.activeKid().orElseThrow()).orElseThrow().getEncoded(),
                "HmacSHA256"));
        hs.setDoKeyValidation(false);
        given().auth().oauth2(hs.getCompactSerialization()).get(path).then().statusCode(401);

        // expired (beyond the allowed clock skew)
        given().auth().oauth2(sign(claims(tenant, ISSUER, Instant.now().minusSeconds(600)),
                ring.activeKid().orElseThrow(), ring.activeSigner().getValue())).get(path).then().statusCode(401);

        // wrong issuer
        given().auth().oauth2(sign(claims(tenant, "https://evil.example", Instant.now().plusSeconds(300)),
                ring.activeKid().orElseThrow(), ring.activeSigner().getValue())).get(path).then().statusCode(401);

        // unknown kid, even though signed by a real key
        given().auth().oauth2(sign(claims(tenant, ISSUER, Instant.now().plusSeconds(300)), "no-such-kid",
                ring.activeSigner().getValue())).get(path).then().statusCode(401);

        // a valid token of this tenant on another tenant's path
        String other = TestTokens.uniqueTenant("victim");
        given().auth().oauth2(good).get("/v1/tenants/" + other + "/keys").then().statusCode(403)
                .body("type", equalTo("urn:tenancycore:problem:security:cross-tenant-access"));

        // no token at all
        given().get(path).then().statusCode(401);
    }

    @Test
    void tenantClientsCannotGetPlatformRoles() {
        String tenant = TestTokens.uniqueTenant("esc");
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "sneaky", "roles", List.of("platform-admin")))
                .post("/v1/tenants/" + tenant + "/clients").then().statusCode(422);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "bad", "roles", List.of("Not A Role")))
                .post("/v1/tenants/" + tenant + "/clients").then().statusCode(422)
                .body("violations", notNullValue());
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "x", "roles", List.of("tenant-user"), "extra", true))
                .post("/v1/tenants/" + tenant + "/clients").then().statusCode(400);
    }

    @Test
    void signingKeyRotationKeepsOldTokensValidAndPublishesBothKeys() {
        String admin = TestTokens.admin();
        String before = ring.activeKid().orElseThrow();
        String tenantUser = TestTokens.tenantToken(TestTokens.uniqueTenant("rot"), List.of("tenant-user"));
        String tenantAdmin = TestTokens.tenantToken(TestTokens.uniqueTenant("rot"), List.of("tenant-admin"));
        given().auth().oauth2(tenantAdmin).post("/v1/admin/signing-keys/rotate").then().statusCode(403);
        String after = given().auth().oauth2(admin).post("/v1/admin/signing-keys/rotate").then().statusCode(200)
                .extract().path("kid");
        assertNotEquals(before, after);
        given().get("/.well-known/jwks.json").then().body("keys.kid", hasItem(before)).body("keys.kid", hasItem(after));
        // the admin token signed by the retired key still works
        given().auth().oauth2(admin).get("/v1/admin/signing-keys").then().statusCode(200)
                .body("items.find { it.active }.kid", equalTo(after))
                .body("items.kid", not(hasItem((String) null)));
        given().auth().oauth2(tenantUser).get("/.well-known/jwks.json").then().statusCode(200);
    }

    private static JwtClaims claims(String tenant, String issuer, Instant expires) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setSubject("attacker");
        claims.setIssuedAt(NumericDate.fromSeconds(expires.getEpochSecond() - 600));
        claims.setExpirationTime(NumericDate.fromSeconds(expires.getEpochSecond()));
        claims.setJwtId(UUID.randomUUID().toString());
        claims.setAudience(List.of(TestTokens.PLATFORM_AUDIENCE));
        claims.setClaim("tenant_id", tenant);
        claims.setStringListClaim("groups", List.of("tenant-admin"));
        return claims;
    }

    private static String sign(JwtClaims claims, String kid, PrivateKey key) throws JoseException {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setKeyIdHeaderValue(kid);
        jws.setKey(key);
        return jws.getCompactSerialization();
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}

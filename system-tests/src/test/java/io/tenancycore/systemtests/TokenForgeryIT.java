package io.tenancycore.systemtests;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tokens an attacker can make without security-service's private key, sent to a protected endpoint of every built
 * service: each is a 401 problem with a Bearer challenge, and a genuine token of the same tenant passes.
 */
class TokenForgeryIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final String TENANT = "forgery-" + Long.toString(System.nanoTime(), 36);

    private static String realKid;
    private static RSAPublicKey realKey;
    private static String genuine;

    @BeforeAll
    static void tenantAndRealKey() throws Exception {
        String admin = SuiteTokens.platformAdmin();
        SuiteTenants.register(admin, TENANT);
        genuine = SuiteTokens.newTenantClient(admin, TENANT, "tenant-admin");
        Map<?, ?> header = JSON.readValue(Base64.getUrlDecoder().decode(genuine.split("\\.")[0]), Map.class);
        realKid = (String) header.get("kid");
        Map<?, ?> jwks = JSON.readValue(given().baseUri(SuiteTokens.SECURITY.baseUrl()).get("/.well-known/jwks.json")
                .then().statusCode(200).extract().asString(), Map.class);
        for (Object entry : (List<?>) jwks.get("keys")) {
            Map<?, ?> jwk = (Map<?, ?>) entry;
            if (realKid.equals(jwk.get("kid"))) {
                realKey = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                        new BigInteger(1, Base64.getUrlDecoder().decode((String) jwk.get("n"))),
                        new BigInteger(1, Base64.getUrlDecoder().decode((String) jwk.get("e")))));
            }
        }
    }

    static Stream<Arguments> forgeries() throws Exception {
        Map<String, Object> claims = claims(TENANT);
        KeyPair attacker = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        Map<String, Object> embeddedJwk = Map.of("kty", "RSA", "kid", "attacker",
                "n", B64.encodeToString(unsigned(((RSAPublicKey) attacker.getPublic()).getModulus())),
                "e", B64.encodeToString(unsigned(((RSAPublicKey) attacker.getPublic()).getPublicExponent())));
        String[] genuineParts = genuine.split("\\.");
        Map<String, Object> otherTenant = claims(TENANT);
        otherTenant.put("tenant_id", "acme_corp");
        String tamperedPayload = B64.encodeToString(JSON.writeValueAsBytes(otherTenant));
        return Stream.of(
                Arguments.of("alg none", unsignedToken(Map.of("alg", "none", "typ", "JWT", "kid", realKid), claims)),
                Arguments.of("HS256 keyed with the real public key (key confusion)",
                        hmacToken(Map.of("alg", "HS256", "typ", "JWT", "kid", realKid), claims, realKey.getEncoded())),
                Arguments.of("foreign key under the real kid",
                        rsaToken(Map.of("alg", "RS256", "typ", "JWT", "kid", realKid), claims, attacker)),
                Arguments.of("embedded jwk header",
                        rsaToken(Map.of("alg", "RS256", "typ", "JWT", "jwk", embeddedJwk), claims, attacker)),
                Arguments.of("jku header to the attacker's keys",
                        rsaToken(Map.of("alg", "RS256", "typ", "JWT", "kid", "attacker",
                                "jku", "http://127.0.0.1:1/keys.json"), claims, attacker)),
                Arguments.of("genuine signature, payload swapped to another tenant",
                        genuineParts[0] + "." + tamperedPayload + "." + genuineParts[2]),
                Arguments.of("genuine token with its signature cut off", genuineParts[0] + "." + genuineParts[1] + "."),
                Arguments.of("garbage", "not.a.token"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forgeries")
    void everyServiceRefusesTheForgery(String name, String forged) {
        for (SuiteService.TenantRead endpoint : SuiteService.tenantReads()) {
            given().baseUri(endpoint.service().baseUrl()).auth().oauth2(forged)
                    .get(endpoint.path(), TENANT)
                    .then().statusCode(401)
                    .contentType(startsWith("application/problem+json"))
                    .header("WWW-Authenticate", startsWith("Bearer"));
            // the same request with the genuine token passes, so the 401 is about the forgery alone
            given().baseUri(endpoint.service().baseUrl()).auth().oauth2(genuine)
                    .get(endpoint.path(), TENANT)
                    .then().statusCode(200);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forgeries")
    void theTokenIssuerDoesNotAcceptTheForgeryAsACredentialEither(String name, String forged) {
        given().baseUri(SuiteTokens.SECURITY.baseUrl()).contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "client_credentials").formParam("client_id", "platform-admin")
                .formParam("client_secret", forged)
                .post("/v1/auth/token")
                // 401 invalid_client, or 400 where the forgery is longer than a client secret may be
                .then().statusCode(org.hamcrest.Matchers.anyOf(equalTo(400), equalTo(401)))
                .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("access_token")));
    }

    private static Map<String, Object> claims(String tenant) {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", "tenancy-core");
        claims.put("aud", List.of("tenancy-core"));
        claims.put("sub", "forger");
        claims.put("tenant_id", tenant);
        claims.put("groups", List.of("tenant-admin", "platform-admin"));
        claims.put("iat", now);
        claims.put("exp", now + 600);
        claims.put("jti", "forged-" + now);
        return claims;
    }

    private static String signingInput(Map<String, Object> header, Map<String, Object> claims) throws Exception {
        return B64.encodeToString(JSON.writeValueAsBytes(header)) + "." + B64.encodeToString(JSON.writeValueAsBytes(claims));
    }

    private static String unsignedToken(Map<String, Object> header, Map<String, Object> claims) throws Exception {
        return signingInput(header, claims) + ".";
    }

    private static String hmacToken(Map<String, Object> header, Map<String, Object> claims, byte[] key) throws Exception {
        String input = signingInput(header, claims);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return input + "." + B64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String rsaToken(Map<String, Object> header, Map<String, Object> claims, KeyPair key) throws Exception {
        String input = signingInput(header, claims);
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(key.getPrivate());
        signature.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + B64.encodeToString(signature.sign());
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }
}

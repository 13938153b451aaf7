package io.tenancycore.security.token;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.tenancycore.security.support.TestTokens;
import jakarta.inject.Inject;
import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.error.ProblemException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The token endpoint's defences against cheap denial of service and client enumeration (issue 8, high). */
@QuarkusTest
class TokenEndpointLimitsTest {

    @Inject
    SecretHasher hasher;
    @Inject
    TokenConfig config;
    @Inject
    TokenService tokens;

    private static Response request(String clientId, String secret) {
        return given().contentType(ContentType.URLENC).formParam("grant_type", "client_credentials")
                .formParam("client_id", clientId).formParam("client_secret", secret).post("/v1/auth/token");
    }

    @Test
    void anUnknownIdCostsTheSameHashingAsAWrongSecretAndAnswersTheSame() {
        long before = hasher.derivations();
        Response unknown = request("nobody-" + UUID.randomUUID().toString().substring(0, 8), "some secret");
        long afterUnknown = hasher.derivations();
        Response wrong = request("platform-admin", "not the admin secret");
        long afterWrong = hasher.derivations();

        assertEquals(1, afterUnknown - before, "an unknown id runs PBKDF2 once, like a real client");
        assertEquals(1, afterWrong - afterUnknown, "a wrong secret runs PBKDF2 once");
        assertEquals(401, unknown.statusCode());
        assertEquals(401, wrong.statusCode());
        assertEquals(unknown.jsonPath().getString("error_description"), wrong.jsonPath().getString("error_description"));
        assertEquals("invalid_client", unknown.jsonPath().getString("error"));
        assertEquals("invalid_client", wrong.jsonPath().getString("error"));
    }

    @Test
    void overLongOrMalformedCredentialsAreRefusedBeforeAnyLookupOrHashing() {
        long before = hasher.derivations();
        request("a".repeat(config.request().maxClientIdLength() + 1), "x").then().statusCode(400)
                .contentType("application/json").body("error", equalTo("invalid_request"))
                .body("error_description", startsWith("client_id"));
        request("a".repeat(2000), "x").then().statusCode(400);
        request("tenant a/../b", "x").then().statusCode(400);
        request("platform-admin", "s".repeat(config.request().maxClientSecretLength() + 1)).then().statusCode(400)
                .body("error", equalTo("invalid_request")).body("error_description", startsWith("client_secret"));
        given().auth().preemptive().basic("b".repeat(300), "x").contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials").post("/v1/auth/token").then().statusCode(400);
        assertEquals(before, hasher.derivations(), "nothing was hashed");

        // a body larger than a token request can be is not even read
        given().contentType(ContentType.URLENC).formParam("grant_type", "client_credentials")
                .formParam("client_id", "platform-admin")
                .formParam("client_secret", "p".repeat(config.request().maxBodyBytes()))
                .post("/v1/auth/token").then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("urn:tenancycore:problem:security:payload-too-large"));
        // the longest well-formed request still works
        String longest = "x".repeat(config.request().maxClientIdLength());
        request(longest, "y".repeat(config.request().maxClientSecretLength())).then().statusCode(401);
    }

    @Test
    void repeatedFailuresOfOneClientIdAre429WithRetryAfter() {
        int limit = config.rateLimit().failedAttemptsPerClient();
        String unknown = "probe-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < limit; i++) {
            request(unknown, "guess-" + i).then().statusCode(401);
        }
        long before = hasher.derivations();
        Response limited = request(unknown, "guess-more");
        assertEquals(429, limited.statusCode());
        assertEquals("application/json", limited.contentType());
        assertEquals("temporarily_unavailable", limited.jsonPath().getString("error"));
        long retryAfter = Long.parseLong(limited.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= config.rateLimit().window().toSeconds(),
                "Retry-After " + retryAfter);
        assertEquals(before, hasher.derivations(), "a limited attempt costs no hashing");

        // the limit is per client id: a tenant client whose secret is being guessed is locked for the window too
        // (from everywhere), while other clients are not
        Map<String, String> client = TestTokens.client(TestTokens.uniqueTenant("lim"), List.of("tenant-user"));
        for (int i = 0; i < limit; i++) {
            request(client.get("client_id"), "guess-" + i).then().statusCode(401);
        }
        request(client.get("client_id"), client.get("client_secret")).then().statusCode(429)
                .header("Retry-After", org.hamcrest.Matchers.notNullValue());
        request("platform-admin", TestTokens.ADMIN_SECRET).then().statusCode(200);
    }

    @Test
    void platformClientsAreLimitedPerAddressSoNobodyLocksThemOut() {
        int limit = config.rateLimit().failedAttemptsPerClient();
        String attacker = "198.51.100." + (1 + (int) (System.nanoTime() % 200));
        String service = "2001:db8::" + Long.toHexString(System.nanoTime() & 0xffff);
        for (int i = 0; i < limit; i++) {
            String guess = "guess-" + i;
            assertEquals(401, failure(() -> tokens.exchange("template-service", guess, attacker)).status());
        }
        ProblemException limited = failure(() -> tokens.exchange("template-service", "guess", attacker));
        assertEquals(429, limited.status());
        // the service itself, from its own address, still gets its token
        TokenIssuer.IssuedToken issued = tokens.exchange("template-service", TestTokens.TEMPLATE_SERVICE_SECRET,
                service).await().atMost(Duration.ofSeconds(10));
        assertEquals("template-service", TestTokens.claims(issued.token()).get("sub"));
    }

    private static ProblemException failure(Supplier<Uni<?>> call) {
        try {
            call.get().await().atMost(Duration.ofSeconds(10));
        } catch (ProblemException e) {
            return e;
        }
        throw new AssertionError("the token request was not refused");
    }
}

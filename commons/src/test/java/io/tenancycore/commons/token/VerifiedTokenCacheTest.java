package io.tenancycore.commons.token;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.tenancycore.commons.testing.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** The cache sits in front of the service's JWT parser and never lets a token through that the full check refuses. */
@QuarkusTest
class VerifiedTokenCacheTest {

    @Inject
    JWTParser parser;

    @Test
    void theSameTokenIsVerifiedOnceAndServedFromTheCacheAfterwards() throws ParseException {
        String token = TestTokens.tenantUser("acme");
        assertSame(parser.parse(token), parser.parse(token));
    }

    @Test
    void forgedExpiredAndWrongAudienceTokensAreStillRefusedEveryTime() {
        String forged = TestTokens.forged("acme", "tenant-user");
        String expired = TestTokens.expired("acme", "tenant-user");
        String elsewhere = TestTokens.forAudience("some-other-service", "acme", "tenant-user");
        for (int attempt = 0; attempt < 2; attempt++) {
            assertThrows(ParseException.class, () -> parser.parse(forged));
            assertThrows(ParseException.class, () -> parser.parse(expired));
            assertThrows(ParseException.class, () -> parser.parse(elsewhere));
            given().auth().oauth2(forged).get("/v1/tenants/acme/anything").then().statusCode(401);
            given().auth().oauth2(expired).get("/v1/tenants/acme/anything").then().statusCode(401);
        }
        // a valid token of the tenant still works, and the tenant check still runs on a cached token
        String valid = TestTokens.tenantUser("acme");
        for (int attempt = 0; attempt < 2; attempt++) {
            given().auth().oauth2(valid).get("/v1/tenants/acme/anything").then().statusCode(200);
            given().auth().oauth2(valid).get("/v1/tenants/globex/anything").then().statusCode(403);
        }
    }
}

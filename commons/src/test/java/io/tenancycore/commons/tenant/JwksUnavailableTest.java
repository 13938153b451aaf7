package io.tenancycore.commons.tenant;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.tenancycore.commons.error.Problem;
import io.tenancycore.commons.testing.TestTokens;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** security-service down: public endpoints keep working, tokens cannot be verified and are refused with a 401. */
@QuarkusTest
@TestProfile(JwksUnavailableTest.JwksDown.class)
class JwksUnavailableTest {

    public static class JwksDown implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mp.jwt.verify.publickey.location", "http://127.0.0.1:9/.well-known/jwks.json");
        }
    }

    @Test
    void publicEndpointsWorkWithoutTheJwks() {
        given().get("/v1/public/ping").then().statusCode(200);
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
    }

    @Test
    void tokensAreRefusedWhileTheJwksIsUnreachable() {
        given().get("/v1/protected").then().statusCode(401).contentType(startsWith(Problem.MEDIA_TYPE));
        given().auth().oauth2(TestTokens.tenantUser("acme")).get("/v1/protected")
                .then().statusCode(401).contentType(startsWith(Problem.MEDIA_TYPE));
    }
}

package io.tenancycore.config.secret;

import static io.tenancycore.config.testing.Fixtures.admin;
import static io.tenancycore.config.testing.Fixtures.uniqueTenant;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tenancycore.config.testing.FakeSecurityService;
import io.tenancycore.config.testing.FakeSecurityService.TokenRequest;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * config-service's calls to security-service's transit API carry config-service's own token, obtained by the OIDC
 * client with client credentials at the token endpoint and reused across calls (no {@code Authorization} parameter
 * anywhere in the code: the REST client's filter adds it).
 */
@QuarkusTest
@QuarkusTestResource(value = FakeSecurityService.class, restrictToAnnotatedClass = false)
class TransitServiceTokenIT {

    @Test
    void transitCallsCarryTheServiceTokenFromClientCredentials() {
        int bearersBefore = FakeSecurityService.BEARERS.size();
        for (String tenant : List.of(uniqueTenant("token-a"), uniqueTenant("token-b"))) {
            admin(tenant).contentType("application/json").body("{\"value\": \"pw-" + tenant + "\", \"secret\": true}")
                    .put("/v1/tenants/" + tenant + "/config/keys/db.password").then().statusCode(201);
            admin(tenant).queryParam("reveal", true).get("/v1/tenants/" + tenant + "/config/keys/db.password")
                    .then().statusCode(200).body("value", equalTo("pw-" + tenant));
        }

        List<TokenRequest> requests = List.copyOf(FakeSecurityService.TOKEN_REQUESTS);
        assertFalse(requests.isEmpty(), "config-service asked the token endpoint for its token");
        for (TokenRequest request : requests) {
            assertEquals("client_credentials", request.grantType());
            assertEquals("config-service", request.clientId(), "the client id is the service's name");
            assertEquals(FakeSecurityService.CLIENT_SECRET, request.clientSecret());
            assertFalse(request.basicHeader(), "the secret travels in the form (client_secret_post)");
        }
        // create key + encrypt + decrypt for each tenant: six calls, all with the same cached token
        List<String> bearers = FakeSecurityService.BEARERS.subList(bearersBefore, FakeSecurityService.BEARERS.size());
        assertTrue(bearers.size() >= 6, "every transit call was authorized: " + bearers.size());
        assertEquals(1, Set.copyOf(bearers).size(), "one token for all calls");
    }
}

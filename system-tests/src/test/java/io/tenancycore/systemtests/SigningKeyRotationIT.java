package io.tenancycore.systemtests;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A signing-key rotation reaches every service without a restart: each one verifies tokens on its own against the
 * JWKS it cached, and a token signed by a key it has not seen makes it fetch the JWKS again (at most once a minute).
 * Tokens signed before the rotation stay valid until they expire.
 */
class SigningKeyRotationIT {

    private static final String TENANT = "rot-" + UUID.randomUUID().toString().substring(0, 8);

    /** Every service's own check, and the gateway's edge check in front of config-service. */
    private static List<SuiteService.TenantRead> reads() {
        List<SuiteService.TenantRead> reads = new ArrayList<>(SuiteService.tenantReads());
        reads.add(new SuiteService.TenantRead(SuiteService.named("event-gateway"), "/api/config/v1/tenants/{t}/config"));
        return reads;
    }

    @Test
    void tokensSignedByTheNewKeyAreAcceptedByEveryServiceAndOldTokensStayValid() {
        String admin = SuiteTokens.platformAdmin();
        SuiteTenants.register(admin, TENANT);
        String before = SuiteTokens.newTenantClient(admin, TENANT, "tenant-admin");
        for (SuiteService.TenantRead read : reads()) {
            assertEquals(200, status(read, before), read + " before the rotation");
        }

        String newKid = given().auth().oauth2(admin)
                .post(SuiteTokens.SECURITY.baseUrl() + "/v1/admin/signing-keys/rotate")
                .then().statusCode(200).extract().path("kid");
        String after = SuiteTokens.newTenantClient(SuiteTokens.platformAdmin(), TENANT, "tenant-admin");
        assertEquals(newKid, kid(after), "tokens issued after the rotation are signed by the new key");
        assertNotEquals(kid(before), kid(after));

        // within the forced-refresh interval of every service (1 min), never needing a restart
        for (SuiteService.TenantRead read : reads()) {
            await(read + " accepts the new key").atMost(Duration.ofSeconds(75)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> status(read, after) == 200);
            assertEquals(200, status(read, before), read + " still accepts a token of the retired key");
        }
    }

    private static int status(SuiteService.TenantRead read, String token) {
        return given().auth().oauth2(token).get(read.service().baseUrl() + read.path(), TENANT).statusCode();
    }

    private static String kid(String jwt) {
        try {
            byte[] header = Base64.getUrlDecoder().decode(jwt.substring(0, jwt.indexOf('.')));
            return new ObjectMapper().readTree(header).path("kid").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.tenancycore.commons.tenant;

import static io.tenancycore.commons.testing.ProblemMatchers.problemType;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.tenancycore.commons.error.ProblemTypes;
import io.tenancycore.commons.error.RequestRefused;
import io.tenancycore.commons.fixture.Refusals;
import io.tenancycore.commons.testing.TestTokens;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DESIGN.md's identity rules as every service applies them through commons. */
@QuarkusTest
class IdentityRulesTest {

    @Inject
    Refusals refusals;

    @Test
    void aTenantTokenCarryingAPlatformRoleGetsNoPlatformPower() {
        String smuggled = TestTokens.token("mallory@acme", "acme", "tenant-user", "platform-admin", "service");
        given().auth().oauth2(smuggled).get("/v1/tenants/globex/anything")
                .then().statusCode(403).body("type", problemType(ProblemTypes.CROSS_TENANT_ACCESS));
        given().auth().oauth2(smuggled).get("/v1/tenants/acme/anything")
                .then().statusCode(200)
                .body("roles", equalTo(List.of("tenant-user")))
                .body("roles", not(hasItem("platform-admin")));
        // tenant-user lacks config:secrets:read; a dropped platform-admin must not add it back
        given().auth().oauth2(smuggled).get("/v1/tenants/acme/secrets")
                .then().statusCode(403).body("type", problemType(ProblemTypes.PERMISSION_DENIED));
    }

    @Test
    void aServiceIdentityHoldsExactlyItsScopeInAnyTenant() {
        String reader = TestTokens.service("template-service", "config:read");
        given().auth().oauth2(reader).get("/v1/tenants/globex/configs").then().statusCode(200);
        given().auth().oauth2(reader).get("/v1/tenants/acme/configs").then().statusCode(200);
        given().auth().oauth2(reader).get("/v1/tenants/acme/secrets")
                .then().statusCode(403).body("detail", equalTo("Missing permission 'config:secrets:read'."));
        given().auth().oauth2(TestTokens.service("alert-service")).get("/v1/tenants/acme/configs")
                .then().statusCode(403).body("type", problemType(ProblemTypes.PERMISSION_DENIED));
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        given().auth().oauth2(TestTokens.forAudience("some-other-platform", "acme", "tenant-admin"))
                .get("/v1/tenants/acme/configs").then().statusCode(401);
        given().auth().oauth2(TestTokens.tenantAdmin("acme")).get("/v1/tenants/acme/configs").then().statusCode(200);
    }

    @Test
    void malformedTenantIdsNeverReachTheService() {
        for (String bad : List.of("_platform", "ab", "Acme", "a%7Db", "x".repeat(64))) {
            given().auth().oauth2(TestTokens.platformAdmin()).urlEncodingEnabled(false)
                    .get("/v1/tenants/" + bad + "/anything")
                    .then().statusCode(400)
                    .body("type", problemType(ProblemTypes.INVALID_TENANT_ID))
                    .body("violations[0].field", equalTo("tenantId"));
        }
    }

    @Test
    void suspendedAndDeletedTenantsAreRefusedToTheirOwnClients() {
        given().auth().oauth2(TestTokens.tenantAdmin("suspended-co")).get("/v1/tenants/suspended-co/configs")
                .then().statusCode(403).body("type", problemType(ProblemTypes.TENANT_SUSPENDED));
        given().auth().oauth2(TestTokens.tenantAdmin("deleted-co")).get("/v1/tenants/deleted-co/anything")
                .then().statusCode(403).body("type", problemType(ProblemTypes.TENANT_DELETED));
        // a token without path tenant is refused on its own tenant's status too
        given().auth().oauth2(TestTokens.tenantAdmin("suspended-co")).get("/v1/protected")
                .then().statusCode(403).body("type", problemType(ProblemTypes.TENANT_SUSPENDED));
    }

    @Test
    void platformClientsMayReadASuspendedTenantButWriteNothingToADeletedOne() {
        given().auth().oauth2(TestTokens.platformAdmin()).get("/v1/tenants/suspended-co/configs")
                .then().statusCode(200);
        given().auth().oauth2(TestTokens.platformAdmin()).contentType("application/json").body("{\"name\":\"x\"}")
                .put("/v1/tenants/deleted-co/configs")
                .then().statusCode(409).body("type", problemType(ProblemTypes.TENANT_DELETED));
    }

    @Test
    void unknownTenantsAre404ForEveryone() {
        given().auth().oauth2(TestTokens.platformAdmin()).get("/v1/tenants/ghost-co/configs")
                .then().statusCode(404).body("type", problemType(ProblemTypes.TENANT_NOT_FOUND));
    }

    @Test
    void everyRefusalIsHandedToTheAuditLog() {
        int before = refusals.seen().size();
        given().auth().oauth2(TestTokens.tenantUser("acme")).get("/v1/tenants/acme/secrets").then().statusCode(403);
        given().auth().oauth2(TestTokens.tenantAdmin("suspended-co")).get("/v1/tenants/suspended-co/configs")
                .then().statusCode(403);
        List<RequestRefused> recent = refusals.seen().subList(before, refusals.seen().size());
        assertEquals(2, recent.size());
        assertTrue(ProblemTypes.is(recent.get(0).type(), ProblemTypes.PERMISSION_DENIED), recent.get(0).type());
        assertEquals("/v1/tenants/acme/secrets", recent.get(0).path());
        assertTrue(ProblemTypes.is(recent.get(1).type(), ProblemTypes.TENANT_SUSPENDED), recent.get(1).type());
    }
}

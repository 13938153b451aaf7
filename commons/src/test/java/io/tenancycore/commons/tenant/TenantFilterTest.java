package io.tenancycore.commons.tenant;

import static io.tenancycore.commons.testing.ProblemMatchers.problemType;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.tenancycore.commons.error.Problem;
import io.tenancycore.commons.error.ProblemTypes;
import io.tenancycore.commons.fixture.CrossTenantDenials;
import io.tenancycore.commons.testing.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TenantFilterTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Inject
    CrossTenantDenials denials;

    @Test
    void contextIsFilledFromTokenAndPath() {
        given().auth().oauth2(TestTokens.tenantUser("acme"))
                .get("/v1/tenants/acme/anything")
                .then().statusCode(200)
                .body("tenant", equalTo("acme"))
                .body("tokenTenant", equalTo("acme"))
                .body("subject", equalTo("user@acme"))
                .body("roles", equalTo(java.util.List.of("tenant-user")))
                .body("sourceIp", equalTo("127.0.0.1"));
    }

    @Test
    void tokenOfOneTenantOnAnotherTenantsPathIs403AndAudited() {
        int before = denials.seen().size();
        given().auth().oauth2(TestTokens.tenantAdmin("acme"))
                .header("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01")
                .get("/v1/tenants/globex/anything")
                .then().statusCode(403)
                .contentType(startsWith(Problem.MEDIA_TYPE))
                .body("type", problemType(ProblemTypes.CROSS_TENANT_ACCESS))
                .body("detail", containsString("globex"))
                .body("instance", equalTo("/v1/tenants/globex/anything"));
        assertEquals(before + 1, denials.seen().size());
        CrossTenantAccessDenied denial = denials.seen().get(denials.seen().size() - 1);
        assertEquals("admin@acme", denial.subject());
        assertEquals("acme", denial.tokenTenant());
        assertEquals("globex", denial.requestedTenant());
        assertEquals("/v1/tenants/globex/anything", denial.path());
        assertEquals(TRACE_ID, denial.traceId());
        assertTrue(denial.sourceIp() != null);
    }

    @Test
    void tokenWithoutTenantClaimCannotActOnATenant() {
        given().auth().oauth2(TestTokens.token("robot", null, "tenant-admin"))
                .get("/v1/tenants/acme/anything")
                .then().statusCode(403).body("type", problemType(ProblemTypes.CROSS_TENANT_ACCESS));
    }

    @Test
    void platformAdminMayActOnAnyTenant() {
        given().auth().oauth2(TestTokens.platformAdmin())
                .get("/v1/tenants/globex/anything")
                .then().statusCode(200)
                .body("tenant", equalTo("globex"))
                .body("tokenTenant", nullValue());
    }

    @Test
    void anonymousRequestOnPublicEndpointHasNoIdentity() {
        given().get("/v1/public/ping").then().statusCode(200)
                .body("subject", nullValue())
                .body("tenant", nullValue());
    }

    @Test
    void badTokensAre401EvenOnTenantPaths() {
        given().auth().oauth2(TestTokens.forged("acme", "tenant-admin")).get("/v1/tenants/acme/configs")
                .then().statusCode(401).contentType(startsWith(Problem.MEDIA_TYPE))
                .body("type", problemType(ProblemTypes.UNAUTHENTICATED))
                .body(not(containsString("signature")));
        given().auth().oauth2(TestTokens.expired("acme", "tenant-admin")).get("/v1/tenants/acme/configs")
                .then().statusCode(401).contentType(startsWith(Problem.MEDIA_TYPE));
    }

    @Test
    void forwardedForIsIgnoredUnlessProxiesAreTrusted() {
        given().auth().oauth2(TestTokens.tenantUser("acme")).header("X-Forwarded-For", "203.0.113.9")
                .get("/v1/tenants/acme/anything")
                .then().statusCode(200).body("sourceIp", equalTo("127.0.0.1"));
    }

    @Test
    void incomingTraceIsContinuedAndEchoed() {
        given().header("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01")
                .get("/v1/public/ping")
                .then().statusCode(200)
                // flags 00: nothing is sampled for export unless TENANCY_TRACING_SAMPLE_RATIO says so
                .header("traceparent", matchesPattern("00-" + TRACE_ID + "-[0-9a-f]{16}-00"))
                .header("traceparent", not(containsString("00f067aa0ba902b7")))
                .body("traceId", equalTo(TRACE_ID))
                .body("traceparent", startsWith("00-" + TRACE_ID));
    }

    @Test
    void missingOrInvalidTraceStartsANewOne() {
        String echoed = given().header("traceparent", "garbage").get("/v1/public/ping")
                .then().statusCode(200)
                .header("traceparent", matchesPattern("00-[0-9a-f]{32}-[0-9a-f]{16}-00"))
                .extract().header("traceparent");
        given().get("/v1/public/ping").then().header("traceparent", not(equalTo(echoed)));
    }
}

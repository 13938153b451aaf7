package io.tenancycore.security.policy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.tenancycore.security.support.TestTokens;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Platform-owned bounds on what a tenant's policy may say (issue 8: TTL and IP allow-list). */
@QuarkusTest
class PolicyLimitsTest {

    @Inject
    PolicyLimits limits;
    @Inject
    PolicyStore store;

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    private static ValidatableResponse token(Map<String, String> client) {
        return given().contentType(ContentType.URLENC).formParam("grant_type", "client_credentials")
                .formParam("client_id", client.get("client_id"))
                .formParam("client_secret", client.get("client_secret")).post("/v1/auth/token").then();
    }

    @Test
    void aTokenTtlAboveThePlatformMaximumIsRefusedNamingTheBound() {
        String tenant = TestTokens.uniqueTenant("ttl");
        String tenantAdmin = TestTokens.tenantToken(tenant, List.of("tenant-admin"));
        long max = limits.maxTokenTtl().toSeconds();
        String policy = "/v1/tenants/" + tenant + "/policy";
        as(tenantAdmin).body(Map.of("token_ttl_seconds", max + 1)).put(policy).then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo(PolicyService.LIMIT_PROBLEM))
                .body("violations[0].field", equalTo("token_ttl_seconds"))
                .body("violations[0].message", containsString(PolicyLimits.MAX_TOKEN_TTL_KEY))
                .body("violations[0].code", equalTo("platform_limit"));
        as(tenantAdmin).get(policy).then().statusCode(200).body("token_ttl_seconds", equalTo(3600));
        // the platform's own admin is bound too: the limit is changed in configuration, not per request
        as(TestTokens.admin()).body(Map.of("token_ttl_seconds", max + 1)).put(policy).then().statusCode(422);
        as(tenantAdmin).body(Map.of("token_ttl_seconds", max)).put(policy).then().statusCode(200)
                .body("token_ttl_seconds", equalTo((int) max));
    }

    @Test
    void aStoredPolicyAboveTheBoundIsCappedAtTokenIssue() {
        String tenant = TestTokens.uniqueTenant("ttl");
        Map<String, String> client = TestTokens.client(tenant, List.of("tenant-user"));
        // stored before the bound was lowered (or behind the API's back)
        store.save(tenant, new SecurityPolicy(86400, 90, List.of(), 128, 90, false, List.of()))
                .await().atMost(Duration.ofSeconds(10));
        token(client).statusCode(200).body("expires_in", equalTo((int) limits.maxTokenTtl().toSeconds()));
    }

    @Test
    void anAllowListSetByThePlatformCannotBeChangedOrClearedByTheTenant() {
        String tenant = TestTokens.uniqueTenant("cidr");
        Map<String, String> client = TestTokens.client(tenant, List.of("tenant-admin"));
        String tenantAdmin = TestTokens.token(client.get("client_id"), client.get("client_secret"));
        String platform = TestTokens.admin();
        String policy = "/v1/tenants/" + tenant + "/policy";

        as(platform).body(Map.of("platform_client_cidrs", List.of("203.0.113.0/24"))).put(policy).then()
                .statusCode(200).body("platform_client_cidrs", equalTo(List.of("203.0.113.0/24")));
        token(client).statusCode(401);

        for (List<String> attempt : List.of(List.<String>of(), List.of("0.0.0.0/0"), List.of("127.0.0.0/8"))) {
            as(tenantAdmin).body(Map.of("platform_client_cidrs", attempt)).put(policy).then().statusCode(422)
                    .body("type", equalTo(PolicyService.LIMIT_PROBLEM))
                    .body("violations[0].field", equalTo("platform_client_cidrs"))
                    .body("violations[0].code", equalTo("platform_owned"));
        }
        // the tenant still owns the rest, including its own list; leaving the platform's out keeps it
        as(tenantAdmin).body(Map.of("token_ttl_seconds", 600, "allowed_client_cidrs", List.of("127.0.0.0/8")))
                .put(policy).then().statusCode(200)
                .body("platform_client_cidrs", equalTo(List.of("203.0.113.0/24")));
        token(client).statusCode(401);
        // what GET returns can be sent back unchanged
        Map<?, ?> current = as(tenantAdmin).get(policy).then().statusCode(200).extract().as(Map.class);
        as(tenantAdmin).body(current).put(policy).then().statusCode(200);

        as(platform).body(Map.of("platform_client_cidrs", List.of("127.0.0.0/8", "::1/128"))).put(policy).then()
                .statusCode(200);
        token(client).statusCode(200).body("expires_in", equalTo(3600));
    }
}

package io.tenancycore.systemtests;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A suspended tenant is refused everywhere within seconds, live tokens included, and gets no new token; reactivated,
 * it works again. A tenant nobody registered gets nothing at all.
 */
class TenantSuspensionIT {

    @Test
    void suspensionStopsLiveTokensEverywhereAndReactivationRestoresThem() {
        String admin = SuiteTokens.platformAdmin();
        String tenant = "suspend-" + Long.toString(System.nanoTime(), 36);
        SuiteTenants.register(admin, tenant);
        Map<String, Object> client = SuiteTokens.newTenantClientCredentials(admin, tenant, "tenant-admin");
        String token = SuiteTokens.token((String) client.get("client_id"), (String) client.get("client_secret"));
        everyServiceAnswers(token, tenant, 200);

        setStatus(admin, tenant, "suspended");
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            for (SuiteService.TenantRead endpoint : SuiteService.tenantReads()) {
                given().baseUri(endpoint.service().baseUrl()).auth().oauth2(token)
                        .get(endpoint.path(), tenant)
                        .then().statusCode(403)
                        .body("type", matchesPattern("urn:tenancycore:problem:[a-z]+:tenant-suspended"));
            }
        });
        SuiteTokens.tokenRequest((String) client.get("client_id"), (String) client.get("client_secret"))
                .then().statusCode(401);

        setStatus(admin, tenant, "active");
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> everyServiceAnswers(token, tenant, 200));
        SuiteTokens.tokenRequest((String) client.get("client_id"), (String) client.get("client_secret"))
                .then().statusCode(200);
    }

    @Test
    void aTenantNobodyRegisteredIsUnknownToEveryService() {
        String admin = SuiteTokens.platformAdmin();
        for (SuiteService.TenantRead endpoint : SuiteService.tenantReads()) {
            given().baseUri(endpoint.service().baseUrl()).auth().oauth2(admin)
                    .get(endpoint.path(), "never-registered-tenant")
                    .then().statusCode(404)
                    .body("type", matchesPattern("urn:tenancycore:problem:[a-z]+:tenant-not-found"));
        }
        given().baseUri(SuiteTokens.SECURITY.baseUrl()).auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "ghost client", "roles", List.of("tenant-admin")))
                .post("/v1/tenants/{t}/clients", "never-registered-tenant")
                .then().statusCode(404);
    }

    private static void everyServiceAnswers(String token, String tenant, int status) {
        for (SuiteService.TenantRead endpoint : SuiteService.tenantReads()) {
            given().baseUri(endpoint.service().baseUrl()).auth().oauth2(token)
                    .get(endpoint.path(), tenant)
                    .then().statusCode(status);
        }
    }

    private static void setStatus(String admin, String tenant, String status) {
        given().baseUri(SuiteTenants.CONFIG.baseUrl()).auth().oauth2(admin)
                .contentType("application/merge-patch+json")
                .body(Map.of("status", status))
                .patch("/v1/tenants/{t}", tenant)
                .then().statusCode(200).body("status", equalTo(status));
    }
}

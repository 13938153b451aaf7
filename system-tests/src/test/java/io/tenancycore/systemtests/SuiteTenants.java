package io.tenancycore.systemtests;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItems;

import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Tenants registered the way a platform team does it: through config-service, provisioned by the event. */
final class SuiteTenants {

    static final SuiteService CONFIG = SuiteService.named("config-service");

    private SuiteTenants() {
    }

    /** The seed's tenant document (SEED-EXAMPLES.md, {@code acme_corp}) under {@code tenant}, so runs never meet. */
    static Map<String, Object> seedDocument(String tenant) {
        return Map.of("tenant_id", tenant, "name", "ACME Corporation", "email", "admin@acme.com",
                "api_quota_per_hour", 5000, "storage_quota_gb", 100.0,
                "features", List.of("audio_processing", "analytics"));
    }

    /**
     * Registers {@code tenant} in config-service and waits until workflow-service's {@code tenant_provisioning}
     * (started by the {@code tenant.registered} event on Kafka) has made it {@code active}, with its default roles
     * in security-service: only then is the tenant what a platform team hands to its users, and no provisioning step
     * still running can race a test's own changes to it.
     */
    static void register(String adminToken, String tenant) {
        given().baseUri(CONFIG.baseUrl()).auth().oauth2(adminToken).contentType(ContentType.JSON)
                .body(Map.of("tenant_id", tenant, "name", "System test " + tenant, "email", "ops@" + tenant + ".com",
                        "api_quota_per_hour", 1000, "storage_quota_gb", 5, "features", List.of("sso"), "plan", "free"))
                .post("/v1/tenants")
                .then().statusCode(201);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> given()
                .baseUri(SuiteTokens.SECURITY.baseUrl()).auth().oauth2(adminToken)
                .get("/v1/tenants/{t}/roles", tenant)
                .then().statusCode(200)
                .body("items.name", hasItems("tenant-admin", "tenant-user", "auditor")));
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> given()
                .baseUri(CONFIG.baseUrl()).auth().oauth2(adminToken)
                .get("/v1/tenants/{t}", tenant)
                .then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("active")));
    }
}

package io.tenancycore.systemtests;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * tenant_provisioning over the real services, Kafka and Redis: a tenant the platform admin registers in config-service
 * is provisioned by workflow-service (started by tenant.registered) — default roles, the "default" key, the admin
 * client, its configuration — and becomes active; when a step fails, what it had been given is removed again and it
 * stays unprovisioned.
 */
class TenantProvisioningIT {

    private static final SuiteService CONFIG = SuiteService.named("config-service");
    private static final SuiteService SECURITY = SuiteService.named("security-service");
    private static final SuiteService WORKFLOWS = SuiteService.named("workflow-service");
    private static String admin;

    @BeforeAll
    static void token() {
        admin = SuiteTokens.platformAdmin();
    }

    private static String newTenant() {
        return "prov" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    private static void register(String tenant) {
        given().baseUri(CONFIG.baseUrl()).auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("tenant_id", tenant, "name", "Provisioned " + tenant, "email", "ops@" + tenant + ".com",
                        "api_quota_per_hour", 1000, "storage_quota_gb", 5, "features", List.of("sso"), "plan", "free"))
                .post("/v1/tenants").then().statusCode(201);
    }

    private static JsonPath provisioning(String tenant) {
        JsonPath[] instance = new JsonPath[1];
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
            List<String> ids = given().baseUri(WORKFLOWS.baseUrl()).auth().oauth2(admin)
                    .get("/v1/tenants/{t}/workflows/instances?definition=tenant_provisioning", tenant)
                    .then().statusCode(200).extract().jsonPath().getList("items.id");
            if (ids.isEmpty()) {
                return false;
            }
            instance[0] = given().baseUri(WORKFLOWS.baseUrl()).auth().oauth2(admin)
                    .get("/v1/tenants/{t}/workflows/instances/{id}", tenant, ids.get(0))
                    .then().statusCode(200).extract().jsonPath();
            return List.of("completed", "failed", "cancelled").contains(instance[0].getString("status"));
        });
        return instance[0];
    }

    private static String status(String tenant) {
        return given().baseUri(CONFIG.baseUrl()).auth().oauth2(admin).get("/v1/tenants/{t}", tenant)
                .then().statusCode(200).extract().path("status");
    }

    private static List<String> keys(String tenant) {
        return given().baseUri(SECURITY.baseUrl()).auth().oauth2(admin).get("/v1/tenants/{t}/keys?limit=500", tenant)
                .then().statusCode(200).extract().jsonPath().getList("items.name");
    }

    private static List<String> clients(String tenant) {
        return given().baseUri(SECURITY.baseUrl()).auth().oauth2(admin)
                .get("/v1/tenants/{t}/clients?limit=500", tenant)
                .then().statusCode(200).extract().jsonPath().getList("items.name");
    }

    /** The keys set in the tenant's own layer (the merged view names each key's layer). */
    private static Map<String, Object> tenantLayer(String tenant) {
        Map<String, Map<String, Object>> entries = given().baseUri(CONFIG.baseUrl()).auth().oauth2(admin)
                .get("/v1/tenants/{t}/config", tenant).then().statusCode(200).extract().jsonPath().getMap("entries");
        Map<String, Object> layer = new java.util.TreeMap<>();
        entries.forEach((key, entry) -> {
            if ("tenant".equals(entry.get("layer"))) {
                layer.put(key, entry.get("value"));
            }
        });
        return layer;
    }

    @Test
    void aRegisteredTenantIsProvisionedAndActive() {
        String tenant = newTenant();
        register(tenant);
        JsonPath done = provisioning(tenant);
        assertEquals("completed", done.getString("status"), done.prettify());
        assertEquals("active", status(tenant));
        given().baseUri(SECURITY.baseUrl()).auth().oauth2(admin).get("/v1/tenants/{t}/roles", tenant)
                .then().statusCode(200).body("items.name", hasItems("tenant-admin", "tenant-user", "auditor"));
        assertTrue(keys(tenant).contains("default"), keys(tenant).toString());
        assertEquals(List.of("admin"), clients(tenant));
        Map<String, Object> config = tenantLayer(tenant);
        assertEquals("free", config.get("tenant.plan"), config.toString());
        assertEquals(1000, config.get("quotas.api_per_hour"), config.toString());
    }

    @Test
    void aFailedStepLeavesNothingBehind() {
        // the platform's default keys name one security-service refuses: the key step fails after the first key,
        // the roles and the configuration were written
        given().baseUri(CONFIG.baseUrl()).auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("value", List.of("default", "Not A Key")))
                .put("/v1/config/global/keys/provisioning.default_keys").then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        String tenant = newTenant();
        String instance;
        try {
            register(tenant);
            JsonPath failed = provisioning(tenant);
            assertEquals("failed", failed.getString("status"), failed.prettify());
            instance = failed.getString("id");
        } finally {
            given().baseUri(CONFIG.baseUrl()).auth().oauth2(admin)
                    .delete("/v1/config/global/keys/provisioning.default_keys").then().statusCode(204);
        }
        // the tenant ends failed, saying where to look
        JsonPath registry = given().baseUri(CONFIG.baseUrl()).auth().oauth2(admin).get("/v1/tenants/{t}", tenant)
                .then().statusCode(200).extract().jsonPath();
        assertEquals("failed", registry.getString("status"));
        assertEquals("provisioning failed and was undone; see workflow instance " + instance,
                registry.getString("status_reason"));
        assertEquals(List.of(), keys(tenant));
        assertEquals(List.of(), clients(tenant));
        // the tenant layer holds only the marker the compensation leaves
        assertEquals(Map.of("provisioning.status", "failed"), tenantLayer(tenant));
    }
}

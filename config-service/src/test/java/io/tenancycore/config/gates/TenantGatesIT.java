package io.tenancycore.config.gates;

import static io.tenancycore.config.testing.Fixtures.admin;
import static io.tenancycore.config.testing.Fixtures.platform;
import static io.tenancycore.config.testing.Fixtures.uniqueTenant;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.tenancycore.commons.metrics.TenantTagLimiter;
import io.tenancycore.config.testing.FakeSecurityService;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the tenant document decides on the request path, read through the cached tenant directory: {@code features}
 * gate export, {@code storage_quota_gb} bounds writes. Tenants are registered for real (statuses come from the
 * registry in this profile).
 */
@QuarkusTest
@TestProfile(TenantGatesIT.RegistryTenants.class)
@QuarkusTestResource(value = FakeSecurityService.class, restrictToAnnotatedClass = false)
class TenantGatesIT {

    public static class RegistryTenants implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tenancy.tenant-status.source", "registry");
        }
    }

    @Inject
    PrometheusMeterRegistry prometheus;
    @Inject
    TenantTagLimiter tenantTags;

    @Test
    void exportNeedsTheDataExportFeature() {
        String withFeature = register("exp", "[\"data_export\"]", "20");
        String without = register("noexp", "[\"analytics\"]", "20");

        admin(withFeature).get("/v1/tenants/" + withFeature + "/config/export").then().statusCode(200);
        admin(without).get("/v1/tenants/" + without + "/config/export").then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:tenancycore:problem:config:feature-not-enabled"))
                .body("detail", containsString("data_export"));
    }

    @Test
    void aWriteOverTheStorageQuotaIsRefusedWithTheQuotaNamedAndAWriteUnderItPasses() {
        // 0.000003 GB = 3,000 bytes
        String tenant = register("quota", "[]", "0.000003");
        String key = "/v1/tenants/" + tenant + "/config/keys/";
        admin(tenant).contentType("application/json").body("{\"value\": \"small\"}").put(key + "app.name")
                .then().statusCode(201);
        admin(tenant).contentType("application/json").body("{\"value\": \"" + "x".repeat(4_000) + "\"}")
                .put(key + "app.blob")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:tenancycore:problem:config:storage-quota-exceeded"))
                .body("detail", containsString("quota of 3000 bytes"));
        admin(tenant).get(key + "app.name").then().statusCode(200).body("value", equalTo("small"));
        admin(tenant).get(key + "app.blob").then().statusCode(404);

        assertTrue(prometheus.scrape().lines().anyMatch(line -> line.startsWith("tenant_storage_usage_bytes{")
                && line.contains("service=\"config\"") && line.contains("tenant=\"" + tenantTags.tagFor(tenant) + "\"")),
                "the tenant's stored bytes are exported");
    }

    @Test
    void writesForAnUnknownOrDeletedTenantAreRefused() {
        String unknown = uniqueTenant("ghost");
        admin(unknown).contentType("application/json").body("{\"value\": 1}")
                .put("/v1/tenants/" + unknown + "/config/keys/app.x").then().statusCode(404)
                .contentType("application/problem+json").body("type", containsString("tenant-not-found"));
        platform().contentType("application/json").body("{\"value\": 1}")
                .put("/v1/tenants/" + unknown + "/config/keys/app.x").then().statusCode(404);
        admin(unknown).contentType("application/json").body("{\"a\": 1}")
                .post("/v1/tenants/" + unknown + "/config/import").then().statusCode(404);

        String gone = register("gone", "[]", "20");
        admin(gone).contentType("application/json").body("{\"value\": 1}")
                .put("/v1/tenants/" + gone + "/config/keys/app.x").then().statusCode(201);
        platform().contentType("application/merge-patch+json").body("{\"status\": \"active\"}")
                .patch("/v1/tenants/" + gone).then().statusCode(200);
        platform().contentType("application/merge-patch+json").body("{\"status\": \"deleted\"}")
                .patch("/v1/tenants/" + gone).then().statusCode(200);
        platform().contentType("application/json").body("{\"value\": 2}")
                .put("/v1/tenants/" + gone + "/config/keys/app.x").then().statusCode(409)
                .contentType("application/problem+json").body("type", containsString("tenant-deleted"));
        admin(gone).contentType("application/json").body("{\"value\": 2}")
                .put("/v1/tenants/" + gone + "/config/keys/app.x").then().statusCode(403)
                .body("type", containsString("tenant-deleted"));
    }

    private static String register(String purpose, String features, String quotaGb) {
        String tenant = uniqueTenant(purpose);
        platform().contentType("application/json").body("""
                {"tenant_id": "%s", "name": "Gate %s", "email": "ops@%s.example.com", "api_quota_per_hour": 5000,
                 "storage_quota_gb": %s, "features": %s, "plan": "starter"}""".formatted(tenant, tenant, tenant,
                quotaGb, features)).post("/v1/tenants").then().statusCode(201);
        return tenant;
    }
}

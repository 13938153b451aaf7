package io.tenancycore.config.testing;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import io.tenancycore.commons.testing.TestTokens;
import java.util.Locale;
import java.util.UUID;

/** Unique tenants per run and authenticated requests. */
public final class Fixtures {

    private Fixtures() {
    }

    public static String uniqueTenant(String purpose) {
        return (purpose + "-" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
    }

    public static RequestSpecification as(String token) {
        return RestAssured.given().header("Authorization", TestTokens.bearer(token));
    }

    public static RequestSpecification admin(String tenant) {
        return as(TestTokens.tenantAdmin(tenant));
    }

    public static RequestSpecification platform() {
        return as(TestTokens.platformAdmin());
    }

    public static String tenantDocument(String tenantId) {
        return """
                {"tenant_id": "%s", "name": "Acme %s", "email": "ops@%s.example.com",
                 "api_quota_per_hour": 5000, "storage_quota_gb": 20, "features": ["sso", "webhooks"],
                 "plan": "starter"}""".formatted(tenantId, tenantId, tenantId);
    }
}

package io.tenancycore.commons.metrics;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.tenancycore.commons.testing.TestTokens;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(TenantMetricsTest.TwoTenantTags.class)
class TenantMetricsTest {

    public static class TwoTenantTags implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tenancy.metrics.max-tenant-tags", "2");
        }
    }

    @Test
    void requestsAreCountedPerTenantRouteAndStatusWithBoundedTenants() {
        for (String tenant : new String[] { "acme", "globex", "initech", "umbrella" }) {
            given().auth().oauth2(TestTokens.tenantUser(tenant)).get("/v1/tenants/" + tenant + "/configs")
                    .then().statusCode(200);
        }
        given().auth().oauth2(TestTokens.tenantUser("acme")).get("/v1/tenants/acme/configs").then().statusCode(200);
        given().get("/v1/public/ping").then().statusCode(200);
        given().get("/v1/no/such/route/42").then().statusCode(404);

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();

        assertSeries(metrics, "tenant_requests_total", Map.of("tenant", "acme", "method", "GET",
                "route", "/v1/tenants/{tenantId}/configs", "status", "200"), "2.0");
        assertSeries(metrics, "tenant_requests_total", Map.of("tenant", "globex"), "1.0");
        // initech and umbrella came after the cap of 2
        assertSeries(metrics, "tenant_requests_total", Map.of("tenant", "other",
                "route", "/v1/tenants/{tenantId}/configs"), "2.0");
        assertFalse(metrics.contains("tenant=\"initech\""), "capped tenant must not become a label");
        assertFalse(metrics.contains("tenant=\"umbrella\""), "capped tenant must not become a label");
        assertSeries(metrics, "tenant_requests_total", Map.of("tenant", "none", "route", "/v1/public/ping"), "1.0");
        assertSeries(metrics, "tenant_requests_total", Map.of("route", "NOT_FOUND", "status", "404"), "1.0");
        assertFalse(metrics.contains("/v1/no/such/route/42"), "raw paths must not become labels");
        assertFalse(metrics.contains("/v1/tenants/acme/configs"), "raw paths must not become labels");

        assertTrue(metrics.contains("tenant_response_time_seconds_bucket{"), "histogram buckets are exported");
        assertTrue(metrics.contains("tenant_response_time_seconds_count{"));
        assertTrue(Pattern.compile("(?m)^tenant_response_time_seconds_bucket\\{.*tenant=\"acme\",le=\"0\\.1\"")
                .matcher(metrics).find(), () -> "a 100 ms bucket exists:\n" + metrics.lines()
                        .filter(line -> line.startsWith("tenant_response_time_seconds_bucket"))
                        .limit(15).reduce("", (a, b) -> a + b + "\n"));

        assertTrue(Pattern.compile("(?m)^system_cpu_usage_percent(\\{[^}]*\\})? ").matcher(metrics).find());
        assertTrue(Pattern.compile("(?m)^system_memory_usage_bytes(\\{[^}]*\\})? [1-9]").matcher(metrics).find());
        assertTrue(Pattern.compile("(?m)^system_disk_usage_percent(\\{[^}]*\\})? ").matcher(metrics).find());
        assertFalse(metrics.contains("tenant_requests_total{") && metrics.contains("route=\"/q/metrics\""),
                "scrapes are not tenant traffic");
    }

    private static void assertSeries(String metrics, String name, Map<String, String> labels, String value) {
        boolean found = metrics.lines()
                .filter(line -> line.startsWith(name + "{"))
                .filter(line -> labels.entrySet().stream()
                        .allMatch(label -> line.contains(label.getKey() + "=\"" + label.getValue() + "\"")))
                // with OpenTelemetry a sample may carry an exemplar (" # {span_id=..,trace_id=..} ..") after its value
                .map(line -> line.replaceFirst(" # \\{.*$", ""))
                .anyMatch(line -> line.endsWith(" " + value));
        assertTrue(found, () -> "no " + name + " " + labels + " = " + value + " in\n" + metrics.lines()
                .filter(line -> line.startsWith(name)).reduce("", (a, b) -> a + b + "\n"));
    }
}

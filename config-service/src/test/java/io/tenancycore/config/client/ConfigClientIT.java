package io.tenancycore.config.client;

import static io.tenancycore.config.testing.Fixtures.uniqueTenant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.tenancycore.commons.configclient.TenantConfigClient;
import io.tenancycore.commons.configclient.TenantSettings;
import io.tenancycore.commons.testing.TestTokens;
import io.tenancycore.commons.testsupport.RealBroker;
import io.tenancycore.config.testing.FakeSecurityService;
import io.tenancycore.config.testing.Replica;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The config client as another service uses it: it reads through its tiered cache with its own service token,
 * and sees a change made through another config-service replica without restart.
 */
@QuarkusTest
@TestProfile(RealBroker.class)
@QuarkusTestResource(value = FakeSecurityService.class, restrictToAnnotatedClass = false)
class ConfigClientIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Inject
    TenantConfigClient client;
    @Inject
    MeterRegistry registry;
    @ConfigProperty(name = "quarkus.rest-client.security-service.url")
    String securityUrl;

    @Test
    void readsFromItsCacheAndReloadsOnAChangeEventWithoutRestart() throws Exception {
        assertTrue(client.awaitReady(Duration.ofSeconds(30)), "the client listens to config changes");
        Replica replicaB = Replica.shared(securityUrl);
        String tenant = uniqueTenant("client");
        put(RestAssured.given(), tenant, "alerts.max_per_minute", "60", "prod");
        List<TenantConfigClient.ConfigChange> seen = new CopyOnWriteArrayList<>();
        client.onChange(change -> {
            if (tenant.equals(change.tenantId())) {
                seen.add(change);
            }
        });

        TenantSettings first = client.settings(tenant).await().atMost(TIMEOUT);
        assertEquals(60, first.longValue("alerts.max_per_minute", -1));
        assertEquals("tenant@prod", first.entries().get("alerts.max_per_minute").layer());
        double hitsBefore = l1Hits();
        assertEquals(60, client.settings(tenant).await().atMost(TIMEOUT).longValue("alerts.max_per_minute", -1));
        assertEquals(hitsBefore + 1, l1Hits(), "the second read is an L1 hit");

        put(RestAssured.given().baseUri(replicaB.baseUrl()).port(-1), tenant, "alerts.max_per_minute", "90", "prod");
        Awaitility.await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(50)).until(() -> client
                .get(tenant, "alerts.max_per_minute").await().atMost(TIMEOUT).map(JsonNode::asLong).orElse(-1L) == 90);
        assertTrue(seen.stream().anyMatch(change -> change.keys().contains("alerts.max_per_minute")),
                "listeners heard of the change");
    }

    private double l1Hits() {
        var counter = registry.find("tenancy.cache.gets").tags("cache", TenantConfigClient.CACHE, "level", "l1",
                "result", "hit").counter();
        return counter == null ? 0 : counter.count();
    }

    static void put(io.restassured.specification.RequestSpecification request, String tenant, String key,
            String json, String env) {
        request.header("Authorization", TestTokens.bearer(TestTokens.tenantAdmin(tenant)))
                .contentType("application/json").queryParam("env", env).body("{\"value\": " + json + "}")
                .put("/v1/tenants/" + tenant + "/config/keys/" + key).then().statusCode(200);
    }
}

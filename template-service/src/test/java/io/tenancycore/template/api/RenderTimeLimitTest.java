package io.tenancycore.template.api;

import static io.tenancycore.commons.testing.TestTokens.tenantUser;
import static io.tenancycore.template.api.TemplateApiTest.draft;
import static io.tenancycore.template.api.TemplateApiTest.put;
import static io.tenancycore.template.api.TemplateApiTest.render;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.tenancycore.template.engine.SafeTemplateEngine;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The time limit holds on its own: with the iteration and node limits lifted, nested loops that would run for
 * minutes are stopped at the deadline on the rendering thread, and the service answers the next render at once.
 */
@QuarkusTest
@TestProfile(RenderTimeLimitTest.OnlyTimeBoundsRendering.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RenderTimeLimitTest {

    private final TestTenants tenants = new TestTenants();

    @Inject
    RedisDataSource redis;

    @AfterAll
    void cleanUp() {
        tenants.cleanUp(redis);
    }

    @Test
    void nestedLoopsThatWouldRunForMinutesEndAtTheTimeLimit() {
        String tenant = tenants.fresh("minutes");
        // 10^10 iterations: hours of work, no output to count, far below the lifted iteration and node limits
        put(tenant, "forever", draft("en", null, "{#for i in 100000}{#for j in 100000}{#if j}{/if}{/for}{/for}"))
                .statusCode(201);
        long start = System.nanoTime();
        render(tenant, tenantUser(tenant), "forever", Map.of("locale", "en"))
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:tenancycore:problem:template:render-limit-exceeded"))
                .body("limit", equalTo("time"))
                .body("max", equalTo(1000))
                .body("detail", containsString("1000 ms"));
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(10).toNanos(), "answered within 10 s");
        // the render stopped on its thread rather than being abandoned while it keeps running
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> Thread.getAllStackTraces().values().stream()
                .flatMap(Arrays::stream)
                .noneMatch(frame -> frame.getClassName().equals(SafeTemplateEngine.class.getName())));
        // and the service serves the next render normally
        render(tenant, tenantUser(tenant), "welcome_email", Map.of("data", Map.of("user", "Ann"), "locale", "en"))
                .statusCode(200);
    }

    public static class OnlyTimeBoundsRendering implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "tenancy.template.render.max-iterations", "2000000000",
                    "tenancy.template.render.max-nodes", "2000000000",
                    "tenancy.template.render.timeout", "1s");
        }
    }
}

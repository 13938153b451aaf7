package io.tenancycore.template.api;

import static io.restassured.RestAssured.given;
import static io.tenancycore.commons.testing.TestTokens.bearer;
import static io.tenancycore.commons.testing.TestTokens.tenantAdmin;
import static io.tenancycore.commons.testing.TestTokens.tenantUser;
import static io.tenancycore.template.api.TemplateApiTest.put;
import static io.tenancycore.template.api.TemplateApiTest.render;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tenancycore.template.support.RedisKeys;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Tenant templates and built-ins rendered with hostile data and hostile bundles, through the HTTP API with the
 * service's default limits: every attack ends in a 422 problem that names the limit, or in output where the hostile
 * value is inert — never in a long render or a large allocation.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileRenderApiTest {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String RENDER_LIMIT = "urn:tenancycore:problem:template:render-limit-exceeded";
    private final TestTenants tenants = new TestTenants();

    @Inject
    RedisDataSource redis;

    @AfterAll
    void cleanUp() {
        tenants.cleanUp(redis);
    }

    @Test
    void hugeExponentsAreRefusedByEveryNumberFunction() {
        String tenant = tenants.fresh("exponent");
        put(tenant, "invoice", Map.of("content_type", "text/plain", "parameters", List.of("n"), "locales",
                Map.of("en", Map.of("body", "{fmt:number(n)}")))).statusCode(201);
        put(tenant, "price", Map.of("content_type", "text/plain", "parameters", List.of("n"), "locales",
                Map.of("en", Map.of("body", "{fmt:currency(n, 'EUR')}")))).statusCode(201);
        for (String name : List.of("invoice", "price")) {
            render(tenant, tenantUser(tenant), name, Map.of("data", Map.of("n", "1E2000000"), "locale", "en"))
                    .statusCode(422)
                    .contentType(PROBLEM_JSON)
                    .body("type", equalTo(RENDER_LIMIT))
                    .body("limit", equalTo("number_exponent"))
                    .body("max", equalTo(40))
                    .body("detail", containsString("10^40"));
        }
        // the same number as JSON is a double that overflowed: refused as well, not printed as "∞"
        render(tenant, tenantUser(tenant), "invoice", Map.of("data", Map.of("n", 1E300), "locale", "en"))
                .statusCode(422).body("limit", equalTo("number_exponent"));
        render(tenant, tenantUser(tenant), "price", Map.of("data", Map.of("n", "12.5"), "locale", "en"))
                .statusCode(200).body("body", equalTo("€12.50"));
    }

    @Test
    void fractionDigitsAndArgumentLengthsAreBounded() {
        String tenant = tenants.fresh("fraction");
        put(tenant, "digits", Map.of("content_type", "text/plain", "parameters", List.of("n", "d"), "locales",
                Map.of("en", Map.of("body", "{fmt:number(n, d)}")))).statusCode(201);
        render(tenant, tenantUser(tenant), "digits", Map.of("data", Map.of("n", 1, "d", 1_000_000_000), "locale", "en"))
                .statusCode(422).body("limit", equalTo("fraction_digits")).body("max", equalTo(20));
        render(tenant, tenantUser(tenant), "digits",
                Map.of("data", Map.of("n", "9".repeat(200_000), "d", 2), "locale", "en"))
                .statusCode(422).body("limit", equalTo("format_argument_size"));
    }

    @Test
    void aBundleMessageCannotMultiplyALongArgument() {
        String tenant = tenants.fresh("bundle");
        // saving a pattern of a thousand {0} is refused, naming the limit
        given().header("Authorization", bearer(tenantAdmin(tenant))).contentType(ContentType.JSON)
                .body(Map.of("messages", Map.of("boom", "{0}".repeat(1000), "fine", "Hi {0}")))
                .put("/v1/tenants/{t}/messages/{l}", tenant, "en").then()
                .statusCode(422)
                .contentType(PROBLEM_JSON)
                .body("violations.field", equalTo(List.of("messages.boom")))
                .body("violations.code", hasItem("message_placeholders"));

        // one saved before the limits existed is refused when it is used
        redis.hash(String.class).hset(RedisKeys.messages(tenant, "en"),
                Map.of("boom", "{0}".repeat(1000), "echo", "{0}".repeat(32)));
        redis.set(String.class).sadd(RedisKeys.messageLocales(tenant), "en");
        put(tenant, "amplifier", Map.of("content_type", "text/plain", "parameters", List.of("arg"), "locales",
                Map.of("en", Map.of("body", "{msg:boom(arg)}")))).statusCode(201);
        String argument = "a".repeat(100 * 1024);
        render(tenant, tenantUser(tenant), "amplifier", Map.of("data", Map.of("arg", argument), "locale", "en"))
                .statusCode(422)
                .body("type", equalTo(RENDER_LIMIT))
                .body("limit", equalTo("message_placeholders"))
                .body("max", equalTo(32));

        // within the placeholder limit, the 100 kB argument itself is refused
        put(tenant, "echo", Map.of("content_type", "text/plain", "parameters", List.of("arg"), "locales",
                Map.of("en", Map.of("body", "{msg:echo(arg)}")))).statusCode(201);
        render(tenant, tenantUser(tenant), "echo", Map.of("data", Map.of("arg", argument), "locale", "en"))
                .statusCode(422).body("limit", equalTo("message_argument_size")).body("max", equalTo(10000));
        // and with arguments that fit, what the messages make is counted against the output
        put(tenant, "echoes", Map.of("content_type", "text/plain", "parameters", List.of("arg"), "locales",
                Map.of("en", Map.of("body", "{#for i in 10}{msg:echo(arg)}{/for}")))).statusCode(201);
        render(tenant, tenantUser(tenant), "echoes", Map.of("data", Map.of("arg", "b".repeat(9_000)), "locale", "en"))
                .statusCode(422).body("limit", equalTo("output_size"));
        render(tenant, tenantUser(tenant), "echo", Map.of("data", Map.of("arg", "ok"), "locale", "en"))
                .statusCode(200).body("body", equalTo("ok".repeat(32)));
    }

    @Test
    void markdownDataIsEscapedAndItsLinksAllowOnlySafeSchemes() {
        String tenant = tenants.fresh("markdown");
        put(tenant, "digest", Map.of("content_type", "text/markdown", "parameters", List.of("title", "link"),
                "locales", Map.of("en", Map.of("body", "# {title}\n[Open the report]({link})")))).statusCode(201);
        render(tenant, tenantUser(tenant), "digest", Map.of("locale", "en", "data",
                Map.of("title", "*urgent* [x](javascript:alert(1))", "link", "javascript:alert(1)")))
                .statusCode(200)
                .body("content_type", equalTo("text/markdown"))
                .body("body", equalTo("# \\*urgent\\* \\[x\\]\\(javascript:alert\\(1\\)\\)\n"
                        + "[Open the report](about:invalid)"));
        render(tenant, tenantUser(tenant), "digest", Map.of("locale", "en", "data",
                Map.of("title", "Q3", "link", "https://reports.example.com/q3")))
                .statusCode(200).body("body", equalTo("# Q3\n[Open the report](https://reports.example.com/q3)"));
    }

    @Test
    void htmlUrlAttributesAllowOnlySafeSchemes() {
        String tenant = tenants.fresh("href");
        put(tenant, "link", Map.of("parameters", List.of("url"), "locales",
                Map.of("en", Map.of("body", "<a href=\"{url}\">{url}</a>")))).statusCode(201);
        render(tenant, tenantUser(tenant), "link",
                Map.of("data", Map.of("url", "javascript:alert(document.cookie)"), "locale", "en"))
                .statusCode(200)
                .body("body", equalTo("<a href=\"about:invalid\">javascript:alert(document.cookie)</a>"));
        render(tenant, tenantUser(tenant), "link", Map.of("data", Map.of("url", "https://x.example/?a=1&b=2"),
                "locale", "en"))
                .statusCode(200)
                .body("body", equalTo("<a href=\"https://x.example/?a=1&amp;b=2\">https://x.example/?a=1&amp;b=2</a>"));

        // the built-ins too
        render(tenant, tenantUser(tenant), "welcome_email", Map.of("locale", "en",
                "data", Map.of("user", "Eve", "login_url", " JAVASCRIPT:alert(1)")))
                .statusCode(200)
                .body("body", containsString("<a href=\"about:invalid\">"))
                .body("body", not(containsString("alert(1)")));
        render(tenant, tenantUser(tenant), "alert_notification.email", Map.of("locale", "en", "data", Map.of(
                "alert", Map.of("name", "CPU", "severity", "critical"),
                "dashboard_url", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==")))
                .statusCode(200)
                .body("body", containsString("<a href=\"about:invalid\">"));
    }

    @Test
    void builtinsWithHostileDataEndInALimit() {
        String tenant = tenants.fresh("builtin");
        List<Map<String, Object>> labels = new ArrayList<>();
        for (int i = 0; i < 12_000; i++) {
            labels.add(Map.of("key", "k" + i, "value", "v"));
        }
        render(tenant, tenantUser(tenant), "alert_notification.email", Map.of("locale", "en", "data",
                Map.of("alert", Map.of("name", "CPU", "severity", "critical", "labels", labels))))
                .statusCode(422).body("type", equalTo(RENDER_LIMIT)).body("limit", equalTo("iterations"));
        render(tenant, tenantUser(tenant), "compliance_report", Map.of("locale", "de", "data",
                Map.of("tenant_name", "ACME", "report", Map.of("period_start", "2024-01-01",
                        "period_end", "2024-03-31", "score", "1E2000000", "controls", List.of()))))
                .statusCode(422).body("limit", equalTo("number_exponent"));
        render(tenant, tenantUser(tenant), "welcome_email", Map.of("locale", "en",
                "data", Map.of("user", "x".repeat(300_000))))
                .statusCode(422).body("limit", equalTo("message_argument_size"));
        render(tenant, tenantUser(tenant), "alert_notification.email", Map.of("locale", "en", "data",
                Map.of("alert", Map.of("name", "CPU", "severity", "critical", "summary", "<".repeat(100_000)))))
                .statusCode(422).body("limit", equalTo("output_size"));
        // the service is still there for the next request
        render(tenant, tenantUser(tenant), "welcome_email", Map.of("data", Map.of("user", "Ann"), "locale", "en"))
                .statusCode(200).body("body", containsString("Hello Ann,"));
    }
}

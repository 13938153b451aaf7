package io.tenancycore.template.catalog;

import io.tenancycore.template.model.LocalizedContent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.qute.Template;
import io.tenancycore.template.engine.RenderEnvironment;
import io.tenancycore.template.engine.RenderLimits;
import io.tenancycore.template.engine.SafeTemplateEngine;
import io.tenancycore.template.locale.Locales;
import io.tenancycore.template.messages.BuiltinMessages;
import io.tenancycore.template.messages.TenantMessages;
import io.tenancycore.template.validation.TemplateValidator;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every shipped template passes the same validation as a tenant's and renders in every shipped locale. */
class BuiltinTemplatesTest {

    private static final Map<String, Map<String, Object>> SAMPLES = Map.of(
            "welcome_email", Map.of("user", "Jean"),
            "alert_notification.email", Map.of("alert", alert(), "dashboard_url", "https://grafana/d/1"),
            "alert_notification.slack", Map.of("alert", alert()),
            "alert_notification.webhook", Map.of("alert", alert()),
            "escalation_notice", Map.of("alert", alert(), "level", 2, "escalated_to", "on-call",
                    "minutes_unacknowledged", 15),
            "compliance_report", Map.of("tenant_name", "ACME", "report", Map.of("period_start", "2024-01-01",
                    "period_end", "2024-03-31", "score", 0.93, "controls",
                    List.of(Map.of("name", "MFA", "status", "pass")))));

    private final SafeTemplateEngine engine = new SafeTemplateEngine(
            new RenderLimits(100_000, 1000, Duration.ofSeconds(2)));
    private final BuiltinTemplates builtins = BuiltinTemplates.load();
    private final TenantMessages messages = new TenantMessages(Map.of(), BuiltinMessages.load());

    private static Map<String, Object> alert() {
        return Map.of("name", "HighCPU", "severity", "critical", "summary", "CPU > 90% \"on\" <db-1>",
                "starts_at", "2024-03-05T10:15:00Z", "labels", List.of(Map.of("key", "host", "value", "db-1")));
    }

    @Test
    void theRequiredTemplatesShipInFourLocales() {
        assertEquals(SAMPLES.keySet(), builtins.all().keySet());
        builtins.all().values().forEach(t -> assertTrue(t.locales().keySet().containsAll(Set.of("en", "fr", "de", "es")),
                t.name()));
    }

    @Test
    void everyBuiltinValidatesAndRenders() throws Exception {
        TemplateValidator validator = new TemplateValidator(engine);
        for (TemplateVersion template : builtins.all().values()) {
            assertEquals(List.of(), validator.validate(template.name(), template.toDraft(), messages, "en"),
                    template.name());
            for (String locale : template.locales().keySet()) {
                RenderEnvironment environment = new RenderEnvironment(Locales.toLocale(locale), ZoneOffset.UTC,
                        messages.source(Locales.fallbackChain(locale, "en")));
                LocalizedContent content = template.locales().get(locale);
                Template body = engine.parse(template.name(), content.body(), template.contentType(),
                        Locales.toLocale(locale));
                String out = engine.render(body, SAMPLES.get(template.name()), environment);
                assertTrue(!out.isBlank(), template.name() + "/" + locale);
                if ("application/json".equals(template.contentType())) {
                    new com.fasterxml.jackson.databind.ObjectMapper().readTree(out); // must stay valid JSON
                }
            }
        }
    }

    @Test
    void seedCallRendersFrench() {
        TemplateVersion welcome = builtins.find("welcome_email").orElseThrow();
        RenderEnvironment environment = new RenderEnvironment(Locales.toLocale("fr"), ZoneOffset.UTC,
                messages.source(Locales.fallbackChain("fr", "en")));
        String body = engine.render(engine.parse("w", welcome.locales().get("fr").body(), "text/html",
                Locales.toLocale("fr")), Map.of("user", "Jean"), environment);
        assertTrue(body.contains("Bonjour Jean,"), body);
        assertTrue(body.contains("L’équipe Tenancy Core"), body);
    }
}

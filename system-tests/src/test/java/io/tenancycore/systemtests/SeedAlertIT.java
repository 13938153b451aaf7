package io.tenancycore.systemtests;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMailUtil;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The seed's alert example end to end on the running suite: {@code send_alert("system.high_cpu", {"value": 95})} for
 * a freshly registered tenant whose language is French reaches its email (a real SMTP server, GreenMail, where the
 * suite's alert-service sends mail: {@code tenancy.smtp.host}/{@code tenancy.smtp.port}, default localhost:2525 as
 * config/environments/dev/core.yaml says), a Slack-shaped HTTP sink and a signed webhook sink on loopback (dev's
 * core.yaml allows 127.0.0.1 receivers) — in French, exactly once each.
 */
class SeedAlertIT {

    static final SuiteService ALERTS = SuiteService.named("alert-service");
    static final SuiteService TEMPLATES = SuiteService.named("template-service");
    static final String SECRET = "seed-webhook-secret-0123456789";

    @Test
    void theSeedAlertReachesEmailSlackAndWebhookInTheTenantsLanguageOnce() throws Exception {
        String admin = SuiteTokens.platformAdmin();
        String run = Long.toString(System.nanoTime(), 36);
        String tenant = "acme_corp_" + run;
        String inbox = "oncall-" + run + "@acme.example";
        registerLikeTheSeed(admin, tenant);
        String token = SuiteTokens.newTenantClient(admin, tenant, "tenant-admin");
        try (LoopbackSink sink = new LoopbackSink(); SuiteMail mail = new SuiteMail()) {
            // the tenant's language: French (template-service's default locale of the tenant)
            given().baseUri(TEMPLATES.baseUrl()).auth().oauth2(token).contentType(ContentType.JSON)
                    .body(Map.of("default_locale", "fr")).put("/v1/tenants/{t}/template-settings", tenant)
                    .then().statusCode(200);
            receiver(token, tenant, Map.of("name", "email", "type", "email", "to", List.of(inbox)));
            receiver(token, tenant, Map.of("name", "slack", "type", "slack", "slack_url", sink.url("/slack")));
            receiver(token, tenant, Map.of("name", "webhook", "type", "webhook", "url", sink.url("/webhook"),
                    "secret", SECRET));
            given().baseUri(ALERTS.baseUrl()).auth().oauth2(token).contentType(ContentType.JSON)
                    .body(Map.of("route", Map.of("receiver", "email", "group_wait", "1s", "group_interval", "1h",
                            "routes", List.of(Map.of("receiver", "email", "continue", true),
                                    Map.of("receiver", "slack", "continue", true),
                                    Map.of("receiver", "webhook")))))
                    .put("/v1/tenants/{t}/routing", tenant).then().statusCode(200);

            // the seed's call: alert_manager.send_alert("system.high_cpu", {"value": 95})
            given().baseUri(ALERTS.baseUrl()).auth().oauth2(token).contentType(ContentType.JSON)
                    .body("{\"name\": \"system.high_cpu\", \"data\": {\"value\": 95}}")
                    .post("/v1/tenants/{t}/alerts", tenant).then().statusCode(201)
                    .body("fingerprint", equalTo("b79ace4763b3255e"));

            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() ->
                    mail.to(inbox).size() == 1 && sink.at("/slack").size() == 1
                            && sink.at("/webhook").size() == 1);
            // once: nothing more arrives within a few group flushes
            await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6)).until(() ->
                    mail.to(inbox).size() == 1 && sink.at("/slack").size() == 1
                            && sink.at("/webhook").size() == 1);

            String email = GreenMailUtil.getBody(mail.to(inbox).get(0));
            assertTrue(email.contains("Alerte : system.high_cpu"), email);
            String slack = sink.at("/slack").get(0).body();
            assertTrue(slack.contains("Alerte : system.high_cpu"), slack);
            LoopbackSink.Received webhook = sink.at("/webhook").get(0);
            assertEquals("sha256=" + LoopbackSink.hmacSha256(SECRET, webhook.body()), webhook.header("X-Tenancy-Signature"));
            assertTrue(webhook.body().contains("\"alertname\":\"system.high_cpu\""), webhook.body());
            assertTrue(webhook.body().contains("\"status\":\"firing\""), webhook.body());
            given().baseUri(ALERTS.baseUrl()).auth().oauth2(token).get("/v1/tenants/{t}/alert-history", tenant)
                    .then().statusCode(200)
                    .body("items.findAll { it.kind == 'notification_sent' }.size()", equalTo(3));
        }
    }

    /**
     * The seed's tenant document (SEED-EXAMPLES.md), with a fresh id so runs never meet; then, as
     * {@link SuiteTenants#register} does, waits until security-service provisioned the tenant's roles.
     */
    private static void registerLikeTheSeed(String admin, String tenant) {
        given().baseUri(SuiteTenants.CONFIG.baseUrl()).auth().oauth2(admin).contentType(ContentType.JSON)
                .body(SuiteTenants.seedDocument(tenant))
                .post("/v1/tenants").then().statusCode(201);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> given()
                .baseUri(SuiteTokens.SECURITY.baseUrl()).auth().oauth2(admin).get("/v1/tenants/{t}/roles", tenant)
                .then().statusCode(200).body("items.name", org.hamcrest.Matchers.hasItem("tenant-admin")));
    }

    private static void receiver(String token, String tenant, Map<String, Object> body) {
        given().baseUri(ALERTS.baseUrl()).auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post("/v1/tenants/{t}/receivers", tenant).then().statusCode(201);
    }
}

package io.tenancycore.systemtests;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import io.restassured.http.ContentType;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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

    /** A real HTTP receiver on loopback that keeps every request body and the signature header. */
    record Received(String path, String body, String signature) {
    }

    @Test
    void theSeedAlertReachesEmailSlackAndWebhookInTheTenantsLanguageOnce() throws Exception {
        String admin = SuiteTokens.platformAdmin();
        String run = Long.toString(System.nanoTime(), 36);
        String tenant = "acme_corp_" + run;
        String inbox = "oncall-" + run + "@acme.example";
        registerLikeTheSeed(admin, tenant);
        String token = SuiteTokens.newTenantClient(admin, tenant, "tenant-admin");
        int smtpPort = Integer.getInteger("tenancy.smtp.port", 2525);
        List<Received> received = new CopyOnWriteArrayList<>();
        HttpServer sink = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        sink.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(exchange.getRequestURI().getPath(), new String(body, StandardCharsets.UTF_8),
                    exchange.getRequestHeaders().getFirst("X-Tenancy-Signature")));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        sink.start();
        // bound where the service resolves core.yaml's smtp_host (localhost)
        GreenMail mail = new GreenMail(new ServerSetup(smtpPort, System.getProperty("tenancy.smtp.host", "localhost"),
                ServerSetup.PROTOCOL_SMTP));
        mail.start();
        try {
            String sinkUrl = "http://127.0.0.1:" + sink.getAddress().getPort();
            // the tenant's language: French (template-service's default locale of the tenant)
            given().baseUri(TEMPLATES.baseUrl()).auth().oauth2(token).contentType(ContentType.JSON)
                    .body(Map.of("default_locale", "fr")).put("/v1/tenants/{t}/template-settings", tenant)
                    .then().statusCode(200);
            receiver(token, tenant, Map.of("name", "email", "type", "email", "to", List.of(inbox)));
            receiver(token, tenant, Map.of("name", "slack", "type", "slack", "slack_url", sinkUrl + "/slack"));
            receiver(token, tenant, Map.of("name", "webhook", "type", "webhook", "url", sinkUrl + "/webhook",
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
                    mailsTo(mail, inbox).size() == 1 && at(received, "/slack").size() == 1
                            && at(received, "/webhook").size() == 1);
            // once: nothing more arrives within a few group flushes
            await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6)).until(() ->
                    mailsTo(mail, inbox).size() == 1 && at(received, "/slack").size() == 1
                            && at(received, "/webhook").size() == 1);

            String email = GreenMailUtil.getBody(mailsTo(mail, inbox).get(0));
            assertTrue(email.contains("Alerte : system.high_cpu"), email);
            String slack = at(received, "/slack").get(0).body();
            assertTrue(slack.contains("Alerte : system.high_cpu"), slack);
            Received webhook = at(received, "/webhook").get(0);
            assertEquals("sha256=" + hmac(SECRET, webhook.body()), webhook.signature());
            assertTrue(webhook.body().contains("\"alertname\":\"system.high_cpu\""), webhook.body());
            assertTrue(webhook.body().contains("\"status\":\"firing\""), webhook.body());
            given().baseUri(ALERTS.baseUrl()).auth().oauth2(token).get("/v1/tenants/{t}/alert-history", tenant)
                    .then().statusCode(200)
                    .body("items.findAll { it.kind == 'notification_sent' }.size()", equalTo(3));
        } finally {
            mail.stop();
            sink.stop(0);
        }
    }

    /**
     * The seed's tenant document (SEED-EXAMPLES.md), with a fresh id so runs never meet; then, as
     * {@link SuiteTenants#register} does, waits until security-service provisioned the tenant's roles.
     */
    private static void registerLikeTheSeed(String admin, String tenant) {
        given().baseUri(SuiteTenants.CONFIG.baseUrl()).auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("tenant_id", tenant, "name", "ACME Corporation", "email", "admin@acme.com",
                        "api_quota_per_hour", 5000, "storage_quota_gb", 100.0,
                        "features", List.of("audio_processing", "analytics")))
                .post("/v1/tenants").then().statusCode(201);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> given()
                .baseUri(SuiteTokens.SECURITY.baseUrl()).auth().oauth2(admin).get("/v1/tenants/{t}/roles", tenant)
                .then().statusCode(200).body("items.name", org.hamcrest.Matchers.hasItem("tenant-admin")));
    }

    private static void receiver(String token, String tenant, Map<String, Object> body) {
        given().baseUri(ALERTS.baseUrl()).auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post("/v1/tenants/{t}/receivers", tenant).then().statusCode(201);
    }

    private static List<Received> at(List<Received> all, String path) {
        return all.stream().filter(r -> r.path().equals(path)).toList();
    }

    private static List<MimeMessage> mailsTo(GreenMail mail, String inbox) throws Exception {
        List<MimeMessage> found = new java.util.ArrayList<>();
        for (MimeMessage message : mail.getReceivedMessages()) {
            if (message.getAllRecipients()[0].toString().equals(inbox)) {
                found.add(message);
            }
        }
        return found;
    }

    private static String hmac(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }
}

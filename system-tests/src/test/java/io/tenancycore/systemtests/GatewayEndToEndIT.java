package io.tenancycore.systemtests;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMailUtil;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A tenant's first hour, through the gateway only ({@code /api/{service}/v1/...}), as a client outside the platform
 * sees it: the platform admin registers the seed's {@code acme_corp} document, {@code tenant_provisioning} makes it
 * active, its administrator gets a token and uses every service — configuration, transit encryption, an event
 * subscription, a localized template, the seed's {@code system.high_cpu} alert to email and a signed webhook, exactly
 * once each — and the tenant's audit chain verifies and names every change made on the way.
 */
class GatewayEndToEndIT {

    private static final SuiteService GATEWAY = SuiteService.named("event-gateway");
    private static final String TOKEN_URL = GATEWAY.baseUrl() + "/api/security/v1/auth/token";
    private static final String WEBHOOK_SECRET = "e2e-webhook-secret-0123456789";
    private static final Duration SETTLE = Duration.ofSeconds(4);
    private static final int MATCHING_EVENTS = 5;

    private final String run = Long.toString(System.nanoTime(), 36);
    private final String tenant = "acme_corp_" + run;

    @Test
    void aTenantFromRegistrationToAnAuditedAlertThroughTheGatewayOnly() throws Exception {
        try (LoopbackSink sink = new LoopbackSink(); SuiteMail mail = new SuiteMail()) {
            String platform = SuiteTokens.platformAdmin(TOKEN_URL);
            registerAndAwaitProvisioning(platform, mail);
            String admin = tenantAdminToken(platform);

            configuration(admin);
            encryption(admin);
            templates(admin);
            events(admin, sink);
            seedAlert(admin, sink, mail);
            auditChain(admin);
        }
    }

    /** Registered, provisioned (its welcome mail sent to the document's address), active. */
    private void registerAndAwaitProvisioning(String platform, SuiteMail mail) throws Exception {
        as(platform).body(SuiteTenants.seedDocument(tenant)).post("/api/config/v1/tenants")
                .then().statusCode(201).body("status", equalTo("provisioning"));
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                as(platform).get("/api/config/v1/tenants/{t}", tenant).then().statusCode(200)
                        .body("status", equalTo("active")));
        // it was tenant_provisioning, started by tenant.registered, that made it active
        as(platform).get("/api/workflows/v1/tenants/{t}/workflows/instances?definition=tenant_provisioning", tenant)
                .then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].status", equalTo("completed"));
        boolean welcomed = false;
        for (jakarta.mail.internet.MimeMessage message : mail.to("admin@acme.com")) {
            welcomed |= message.getSubject().contains("ACME Corporation");
        }
        assertTrue(welcomed, "no welcome mail to the seed document's address");
    }

    /**
     * The provisioned "admin" client's secret is never kept (the platform hands credentials over), so the platform
     * admin creates the administrator's client, and the administrator takes its token from the gateway's route to
     * the token endpoint, which needs no bearer token.
     */
    private String tenantAdminToken(String platform) {
        JsonPath client = as(platform).body(Map.of("name", "e2e administrator", "roles", List.of("tenant-admin")))
                .post("/api/security/v1/tenants/{t}/clients", tenant).then().statusCode(201).extract().jsonPath();
        String token = SuiteTokens.token(TOKEN_URL, client.getString("client_id"), client.getString("client_secret"));
        assertEquals(tenant, claims(token).get("tenant_id"), claims(token).toString());
        return token;
    }

    private void configuration(String admin) {
        as(admin).body(Map.of("value", "e2e-" + run)).put("/api/config/v1/tenants/{t}/config/keys/app.release", tenant)
                .then().statusCode(201);
        as(admin).get("/api/config/v1/tenants/{t}/config", tenant).then().statusCode(200)
                .body("entries.'app.release'.value", equalTo("e2e-" + run))
                .body("entries.'app.release'.layer", equalTo("tenant"))
                // what provisioning wrote from the seed document
                .body("entries.'quotas.api_per_hour'.value", equalTo(5000));
    }

    /** The suite scans the services' logs for "plaintext-canary" after the system tests: it must never appear. */
    private void encryption(String admin) {
        String secret = "plaintext-canary-e2e-" + UUID.randomUUID();
        String encoded = Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8));
        String ciphertext = as(admin).body(Map.of("plaintext", encoded))
                .post("/api/security/v1/tenants/{t}/keys/default/encrypt", tenant)
                .then().statusCode(200).body("ciphertext", startsWith("tc:v1:"))
                .extract().path("ciphertext");
        assertTrue(!ciphertext.contains(encoded), "the ciphertext holds the plaintext");
        as(admin).body(Map.of("ciphertext", ciphertext))
                .post("/api/security/v1/tenants/{t}/keys/default/decrypt", tenant)
                .then().statusCode(200).body("plaintext", equalTo(encoded));
    }

    /** A tenant template in English and French, rendered for fr-CA (falls back to fr); the built-in welcome too. */
    private void templates(String admin) {
        as(admin).body(Map.of("content_type", "text/plain", "locales", Map.of(
                        "en", Map.of("subject", "Order {order} shipped", "body", "Hello {user}, order {order} is on its way."),
                        "fr", Map.of("subject", "Commande {order} expédiée", "body", "Bonjour {user}, la commande {order} est en route."))))
                .put("/api/templates/v1/tenants/{t}/templates/order_shipped", tenant).then().statusCode(201);
        as(admin).body(Map.of("data", Map.of("user", "Jean", "order", 42), "locale", "fr-CA"))
                .post("/api/templates/v1/tenants/{t}/templates/order_shipped/render", tenant)
                .then().statusCode(200)
                .body("locale", equalTo("fr"))
                .body("subject", equalTo("Commande 42 expédiée"))
                .body("body", equalTo("Bonjour Jean, la commande 42 est en route."));
        // the seed's call: template_engine.render("welcome_email", {"user": "Jean"}, locale="fr")
        String welcome = as(admin).body(Map.of("data", Map.of("user", "Jean"), "locale", "fr"))
                .post("/api/templates/v1/tenants/{t}/templates/welcome_email/render", tenant)
                .then().statusCode(200).body("locale", equalTo("fr")).extract().path("body");
        assertTrue(welcome.contains("Bonjour Jean,"), welcome);
    }

    /** Events matching the subscription's filter reach the sink, each once; the others never do. */
    private void events(String admin, LoopbackSink sink) {
        as(admin).body(Map.of("sink", sink.url("/events"), "filters",
                        List.of(Map.of("prefix", Map.of("type", "com.acme.order.")))))
                .post("/api/events/v1/tenants/{t}/subscriptions", tenant).then().statusCode(201);
        List<Map<String, Object>> batch = new ArrayList<>();
        Set<String> matching = new TreeSet<>();
        for (int i = 0; i < MATCHING_EVENTS + 2; i++) {
            String id = "e2e-" + run + "-" + i;
            boolean matches = i < MATCHING_EVENTS;
            if (matches) {
                matching.add(id);
            }
            batch.add(Map.of("specversion", "1.0", "id", id, "source", "/e2e", "datacontenttype", "application/json",
                    "type", matches ? "com.acme.order.created" : "com.acme.invoice.created", "data", Map.of("n", i)));
        }
        as(admin).contentType("application/cloudevents-batch+json").body(batch)
                .post("/api/events/v1/tenants/{t}/events", tenant)
                .then().statusCode(202).body("ids", hasSize(MATCHING_EVENTS + 2));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> sink.at("/events").size() >= MATCHING_EVENTS);
        await().during(SETTLE).atMost(SETTLE.plusSeconds(2)).until(() -> sink.at("/events").size() == MATCHING_EVENTS);
        Set<String> delivered = sink.at("/events").stream().map(r -> r.header("ce-id")).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(matching, delivered);
        sink.at("/events").forEach(r -> assertEquals(tenant, r.header("ce-tenantid"), r.headers().toString()));
    }

    /** The seed's send_alert("system.high_cpu", {"value": 95}) to an email and a signed webhook receiver. */
    private void seedAlert(String admin, LoopbackSink sink, SuiteMail mail) throws Exception {
        String inbox = "oncall-" + run + "@acme.example";
        as(admin).body(Map.of("name", "oncall-mail", "type", "email", "to", List.of(inbox)))
                .post("/api/alerts/v1/tenants/{t}/receivers", tenant).then().statusCode(201);
        as(admin).body(Map.of("name", "oncall-hook", "type", "webhook", "url", sink.url("/alert"), "secret", WEBHOOK_SECRET))
                .post("/api/alerts/v1/tenants/{t}/receivers", tenant).then().statusCode(201);
        as(admin).body(Map.of("route", Map.of("receiver", "oncall-mail", "group_wait", "1s", "group_interval", "1h",
                        "routes", List.of(Map.of("receiver", "oncall-mail", "continue", true),
                                Map.of("receiver", "oncall-hook")))))
                .put("/api/alerts/v1/tenants/{t}/routing", tenant).then().statusCode(200);
        as(admin).body("{\"name\": \"system.high_cpu\", \"data\": {\"value\": 95}}")
                .post("/api/alerts/v1/tenants/{t}/alerts", tenant).then().statusCode(201);

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> mail.to(inbox).size() >= 1 && sink.at("/alert").size() >= 1);
        // exactly once: nothing more arrives within a few group flushes
        await().during(SETTLE).atMost(SETTLE.plusSeconds(2))
                .until(() -> mail.to(inbox).size() == 1 && sink.at("/alert").size() == 1);
        String email = GreenMailUtil.getBody(mail.to(inbox).get(0));
        assertTrue(email.contains("system.high_cpu"), email);
        LoopbackSink.Received webhook = sink.at("/alert").get(0);
        assertEquals("sha256=" + LoopbackSink.hmacSha256(WEBHOOK_SECRET, webhook.body()),
                webhook.header("X-Tenancy-Signature"));
        JsonPath payload = JsonPath.from(webhook.body());
        assertEquals("system.high_cpu", payload.getString("alerts[0].labels.alertname"), webhook.body());
        assertEquals("firing", payload.getString("status"), webhook.body());
    }

    /**
     * The chain verifies, and every change above left its entry, under the tenant, by who made it: the registration
     * and provisioning (platform and workflow-service), then the administrator's own changes.
     */
    private void auditChain(String admin) {
        Object adminClient = claims(admin).get("sub");
        List<String> expected = List.of(
                "tenant.register", "role.defaults", "key.create", "client.create", "config.import", "tenant.update",
                "token.issue", "config.put", "template.update", "subscription.create", "receiver.create",
                "routing.replace");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Set<String> actions = SuiteAudit.entries(GATEWAY.baseUrl() + "/api/security", admin, tenant, null).stream()
                    .filter(entry -> "success".equals(entry.get("outcome")))
                    .map(entry -> (String) entry.get("action"))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertTrue(actions.containsAll(expected), "audited: " + actions + ", expected at least " + expected);
        });
        // the administrator's own changes are attributed to its client
        for (String action : List.of("config.put", "template.update", "subscription.create", "routing.replace")) {
            List<Map<String, Object>> entries = SuiteAudit.entries(GATEWAY.baseUrl() + "/api/security", admin, tenant,
                    action);
            assertEquals(1, entries.size(), action + ": " + entries);
            assertEquals(adminClient, entries.get(0).get("actor"), action + ": " + entries);
        }
        as(admin).get("/api/security/v1/tenants/{t}/audit/verify", tenant).then().statusCode(200)
                .body("valid", equalTo(true))
                .body("first_broken_seq", equalTo(null));
    }

    private static Map<?, ?> claims(String token) {
        try {
            return new ObjectMapper().readValue(Base64.getUrlDecoder().decode(token.split("\\.")[1]), Map.class);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static RequestSpecification as(String token) {
        return given().baseUri(GATEWAY.baseUrl()).auth().oauth2(token).contentType(ContentType.JSON);
    }
}

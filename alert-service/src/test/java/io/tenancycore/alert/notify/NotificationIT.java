package io.tenancycore.alert.notify;

import static io.tenancycore.alert.testing.Api.alerts;
import static io.tenancycore.alert.testing.Api.as;
import static io.tenancycore.alert.testing.Api.tenant;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tenancycore.alert.testing.AlertProfile;
import io.tenancycore.alert.testing.HttpSink;
import io.tenancycore.alert.testing.TestServers;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Receivers, routing, grouping and delivery to a real HTTP sink and a real SMTP server (GreenMail). */
@QuarkusTest
@TestProfile(AlertProfile.class)
class NotificationIT {

    static final String SECRET = "0123456789abcdef-hmac";
    static HttpSink sink;

    @Inject
    MeterRegistry registry;

    @BeforeAll
    static void start() {
        sink = new HttpSink();
    }

    @AfterAll
    static void stop() {
        sink.close();
    }

    static void receiver(String t, String json) {
        as(t).body(json).post("/v1/tenants/" + t + "/receivers").then().statusCode(201);
    }

    static void webhook(String t, String name, String path) {
        receiver(t, "{\"name\": \"" + name + "\", \"type\": \"webhook\", \"url\": \"" + sink.url(path)
                + "\", \"secret\": \"" + SECRET + "\"}");
    }

    static void routing(String t, String json) {
        as(t).body(json).put("/v1/tenants/" + t + "/routing").then().statusCode(200);
    }

    static void post(String t, String json) {
        as(t).body(json).post(alerts(t)).then().statusCode(org.hamcrest.Matchers.anyOf(equalTo(200), equalTo(201)));
    }

    static String hmac(String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void hundredIdenticalPostsGiveOneSignedNotificationPerGroupThenOneResolved() throws Exception {
        String t = tenant();
        String path = "/" + t + "/hook";
        webhook(t, "hook", path);
        routing(t, """
                {"route": {"receiver": "hook", "group_by": ["alertname"], "group_wait": "500ms",
                           "group_interval": "1s", "repeat_interval": "1h"}}""");
        // 100 identical posts from 8 threads at once: exactly one creates the alert, 99 are deduplicated into it
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        List<java.util.concurrent.Future<Integer>> statuses = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            statuses.add(pool.submit(() -> as(t).body("{\"name\": \"system.high_cpu\", \"data\": {\"value\": 95}}")
                    .post(alerts(t)).then().extract().statusCode()));
        }
        List<Integer> answers = new java.util.ArrayList<>();
        for (java.util.concurrent.Future<Integer> status : statuses) {
            answers.add(status.get());
        }
        pool.shutdown();
        assertEquals(1, answers.stream().filter(s -> s == 201).count());
        assertEquals(99, answers.stream().filter(s -> s == 200).count());
        as(t).get(alerts(t) + "/b79ace4763b3255e").then().body("occurrences", equalTo(100));
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.at(path).size() >= 1);
        // three more group intervals pass: nothing changed, nothing more is sent
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> sink.at(path).size() == 1);
        HttpSink.Received first = sink.at(path).get(0);
        assertEquals(hmac(first.body()), first.header(Notifier.SIGNATURE_HEADER));
        JsonObject body = first.json();
        assertEquals("4", body.getString("version"));
        assertEquals("firing", body.getString("status"));
        assertEquals("hook", body.getString("receiver"));
        assertEquals(new JsonObject().put("alertname", "system.high_cpu"), body.getJsonObject("groupLabels"));
        JsonArray items = body.getJsonArray("alerts");
        assertEquals(1, items.size());
        assertEquals("b79ace4763b3255e", items.getJsonObject(0).getString("fingerprint"));
        assertEquals("0001-01-01T00:00:00Z", items.getJsonObject(0).getString("endsAt"));
        assertEquals("system.high_cpu", body.getJsonObject("commonLabels").getString("alertname"));

        as(t).post(alerts(t) + "/b79ace4763b3255e/resolve").then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.at(path).size() == 2);
        JsonObject resolved = sink.at(path).get(1).json();
        assertEquals("resolved", resolved.getString("status"));
        assertEquals("resolved", resolved.getJsonArray("alerts").getJsonObject(0).getString("status"));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> sink.at(path).size() == 2);
        as(t).get("/v1/tenants/" + t + "/alert-history").then().statusCode(200)
                .body("items.kind", hasItems("notification_attempt", "notification_sent", "created", "resolved"));
    }

    @Test
    void groupBySplitsAndJoinsAsAlertmanagerDoes() {
        String split = tenant();
        String joined = tenant();
        String every = tenant();
        for (String t : List.of(split, joined, every)) {
            webhook(t, "hook", "/" + t + "/hook");
        }
        routing(split, "{\"route\": {\"receiver\": \"hook\", \"group_by\": [\"alertname\"], \"group_wait\": \"500ms\", \"group_interval\": \"1s\"}}");
        routing(joined, "{\"route\": {\"receiver\": \"hook\", \"group_by\": [], \"group_wait\": \"500ms\", \"group_interval\": \"1s\"}}");
        routing(every, "{\"route\": {\"receiver\": \"hook\", \"group_by\": [\"...\"], \"group_wait\": \"500ms\", \"group_interval\": \"1s\"}}");
        for (String t : List.of(split, joined, every)) {
            post(t, "{\"name\": \"x\", \"labels\": {\"host\": \"a\"}}");
            post(t, "{\"name\": \"x\", \"labels\": {\"host\": \"b\"}}");
            post(t, "{\"name\": \"y\", \"labels\": {\"host\": \"a\"}}");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.at("/" + split + "/hook").size() == 2
                && sink.at("/" + joined + "/hook").size() == 1 && sink.at("/" + every + "/hook").size() == 3);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> sink.at("/" + split + "/hook")
                .size() == 2 && sink.at("/" + joined + "/hook").size() == 1 && sink.at("/" + every + "/hook").size() == 3);
        Set<String> splitGroups = sink.at("/" + split + "/hook").stream()
                .map(r -> r.json().getJsonObject("groupLabels").getString("alertname") + ":"
                        + r.json().getJsonArray("alerts").size()).collect(Collectors.toSet());
        assertEquals(Set.of("x:2", "y:1"), splitGroups);
        assertEquals(3, sink.at("/" + joined + "/hook").get(0).json().getJsonArray("alerts").size());
        // a new alert joins the existing group: the next group interval tells about all of them
        post(split, "{\"name\": \"x\", \"labels\": {\"host\": \"c\"}}");
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.at("/" + split + "/hook").size() == 3);
        assertEquals(3, sink.at("/" + split + "/hook").get(2).json().getJsonArray("alerts").size());
    }

    @Test
    void aSilenceSuppressesAndItsExpiryRestores() {
        String t = tenant();
        String path = "/" + t + "/hook";
        webhook(t, "hook", path);
        routing(t, "{\"route\": {\"receiver\": \"hook\", \"group_by\": [\"alertname\"], \"group_wait\": \"300ms\", \"group_interval\": \"500ms\"}}");
        String ends = java.time.Instant.now().plusSeconds(3).toString();
        as(t).body("{\"matchers\": [\"alertname=~\\\"disk\\\\\\\\..*\\\"\", \"env!=\\\"dev\\\"\"], \"ends_at\": \"" + ends
                + "\", \"comment\": \"maintenance\"}").post("/v1/tenants/" + t + "/silences").then().statusCode(201)
                .body("status", equalTo("active")).body("created_by", equalTo("admin@" + t));
        post(t, "{\"name\": \"disk.full\"}");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> sink.at(path).isEmpty());
        as(t).get("/v1/tenants/" + t + "/alert-history").then().body("items.kind", hasItem("silenced"));
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.at(path).size() == 1);
        as(t).get("/v1/tenants/" + t + "/silences").then().body("items[0].status", equalTo("expired"));
    }

    @Test
    void anInhibitedAlertIsNotSent() {
        String t = tenant();
        String path = "/" + t + "/hook";
        webhook(t, "hook", path);
        routing(t, """
                {"route": {"receiver": "hook", "group_by": ["alertname", "host"], "group_wait": "500ms",
                           "group_interval": "1s"},
                 "inhibit_rules": [{"source_matchers": ["severity=\\"critical\\""],
                                    "target_matchers": ["severity=\\"warning\\""], "equal": ["host"]}]}""");
        post(t, "{\"name\": \"down\", \"severity\": \"critical\", \"labels\": {\"host\": \"a\"}}");
        post(t, "{\"name\": \"slow\", \"severity\": \"warning\", \"labels\": {\"host\": \"a\"}}");
        post(t, "{\"name\": \"slow\", \"severity\": \"warning\", \"labels\": {\"host\": \"b\"}}");
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.at(path).size() == 2);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> sink.at(path).size() == 2);
        Set<String> sent = sink.at(path).stream().map(r -> r.json().getJsonObject("groupLabels").getString("alertname")
                + "@" + r.json().getJsonObject("groupLabels").getString("host")).collect(Collectors.toSet());
        assertEquals(Set.of("down@a", "slow@b"), sent);
        as(t).get("/v1/tenants/" + t + "/alert-history").then().body("items.kind", hasItem("inhibited"));
    }

    @Test
    void slackAndEmailCarryTheTemplateServiceTextInTheReceiversLocale() throws Exception {
        String t = tenant();
        String slackPath = "/" + t + "/slack";
        receiver(t, "{\"name\": \"chat\", \"type\": \"slack\", \"slack_url\": \"" + sink.url(slackPath)
                + "\", \"locale\": \"fr\"}");
        receiver(t, "{\"name\": \"mail\", \"type\": \"email\", \"to\": [\"ops@" + t + ".example\"], \"locale\": \"fr\"}");
        routing(t, """
                {"route": {"receiver": "chat", "group_wait": "300ms", "group_interval": "1s",
                           "routes": [{"receiver": "chat", "continue": true}, {"receiver": "mail"}]}}""");
        post(t, "{\"name\": \"system.high_cpu\", \"data\": {\"value\": 95}}");
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.at(slackPath).size() == 1 && mailsTo(t).size() == 1);
        assertEquals("[fr] system.high_cpu (warning)", sink.at(slackPath).get(0).json().getString("text"));
        MimeMessage mail = mailsTo(t).get(0);
        assertEquals("[fr] system.high_cpu (warning)", mail.getSubject());
        assertTrue(TestServers.RENDERS.stream().anyMatch(call -> call.path().equals("/v1/tenants/" + t
                + "/templates/alert_notification.email/render")
                && "Bearer alert-service-token".equals(call.authorization())
                && "fr".equals(call.body().getString("locale"))));
        // receivers never show their secrets
        as(t).get("/v1/tenants/" + t + "/receivers/chat").then().statusCode(200)
                .body("slack_url", equalTo(null)).body("has_secret", equalTo(true));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> sink.at(slackPath).size() == 1 && mailsTo(t).size() == 1);
    }

    @Test
    void withoutTemplateServiceAPlainTextIsSentAndRecorded() throws Exception {
        String t = tenant();
        receiver(t, "{\"name\": \"mail\", \"type\": \"email\", \"to\": [\"ops@" + t + ".example\"]}");
        routing(t, "{\"route\": {\"receiver\": \"mail\", \"group_wait\": \"300ms\", \"group_interval\": \"1s\"}}");
        TestServers.templatesDown = true;
        try {
            post(t, "{\"name\": \"system.high_cpu\", \"data\": {\"value\": 95}}");
            await().atMost(Duration.ofSeconds(15)).until(() -> mailsTo(t).size() == 1);
        } finally {
            TestServers.templatesDown = false;
        }
        assertEquals("[FIRING:1] system.high_cpu (warning)", mailsTo(t).get(0).getSubject());
        as(t).get("/v1/tenants/" + t + "/alert-history").then().body("items.kind", hasItem("render_fallback"));
    }

    @Test
    void aFailingWebhookIsRetriedEveryAttemptRecordedAndCounted() {
        String t = tenant();
        String path = "/" + t + "/down";
        webhook(t, "hook", path);
        routing(t, "{\"route\": {\"receiver\": \"hook\", \"group_wait\": \"200ms\", \"group_interval\": \"1h\"}}");
        post(t, "{\"name\": \"system.high_cpu\"}");
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.at(path).size() == 4);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> as(t).get("/v1/tenants/" + t + "/alert-history")
                .then().body("items.kind", hasItem("notification_failed")));
        as(t).get("/v1/tenants/" + t + "/alert-history").then()
                .body("items.findAll { it.kind == 'notification_attempt' }.size()", equalTo(4))
                .body("items.findAll { it.kind == 'notification_attempt' }.outcome", not(hasItem("success")));
        assertTrue(registry.find(Notifier.METRIC).tag("receiver_type", "webhook").tag("outcome", "failure")
                .counter().count() >= 1);
    }

    @Test
    void receiversAndRoutingAreValidatedAndVersioned() {
        String t = tenant();
        String base = "/v1/tenants/" + t;
        as(t).body("{\"name\": \"meta\", \"type\": \"webhook\", \"url\": \"http://169.254.169.254/latest\"}")
                .post(base + "/receivers").then().statusCode(422).contentType("application/problem+json")
                .body("violations[0].code", equalTo("forbidden_url"));
        as(t).body("{\"name\": \"local\", \"type\": \"slack\", \"slack_url\": \"http://localhost:1/x\"}")
                .post(base + "/receivers").then().statusCode(422);
        as(t).body("{\"name\": \"x\", \"type\": \"pager\"}").post(base + "/receivers").then().statusCode(422)
                .body("violations.field", hasItem("type"));
        webhook(t, "hook", "/" + t + "/hook");
        as(t).get(base + "/receivers/hook").then().statusCode(200).header("ETag", "\"1\"")
                .body("secret", equalTo(null)).body("has_secret", equalTo(true))
                .body("url", equalTo(sink.url("/" + t + "/hook")));
        as(t).body("{\"type\": \"webhook\", \"url\": \"" + sink.url("/x") + "\"}").header("If-Match", "\"7\"")
                .put(base + "/receivers/hook").then().statusCode(412);
        as(t).body("{\"type\": \"webhook\", \"url\": \"" + sink.url("/x") + "\"}").header("If-Match", "\"1\"")
                .put(base + "/receivers/hook").then().statusCode(200).header("ETag", "\"2\"");
        as(t).body("{\"route\": {\"receiver\": \"nobody\", \"group_wait\": \"soon\", \"routes\": [{\"matchers\": [\"a=~\\\"(\\\"\"]}]}}")
                .put(base + "/routing").then().statusCode(422)
                .body("violations.field", hasItems("route.receiver", "route.group_wait", "route.routes[0].matchers[0]"));
        as(t).get(base + "/routing").then().statusCode(404);
        as(t).body("{\"route\": {\"receiver\": \"hook\"}}").put(base + "/routing").then().statusCode(200)
                .header("ETag", "\"1\"");
        as(t).body("{\"route\": {\"receiver\": \"hook\"}}").header("If-Match", "\"5\"").put(base + "/routing").then()
                .statusCode(412);
        as(t).get(base + "/routing").then().statusCode(200).body("route.receiver", equalTo("hook"));
        as(t).body("{\"route\": {\"receiver\": \"hook\"}, \"extra\": 1}").put(base + "/routing").then().statusCode(400);
    }

    static List<MimeMessage> mailsTo(String tenant) throws Exception {
        List<MimeMessage> found = new java.util.ArrayList<>();
        for (MimeMessage message : TestServers.mail.getReceivedMessages()) {
            if (message.getAllRecipients()[0].toString().equals("ops@" + tenant + ".example")) {
                found.add(message);
            }
        }
        return found;
    }
}

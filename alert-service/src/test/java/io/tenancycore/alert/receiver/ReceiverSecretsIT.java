package io.tenancycore.alert.receiver;

import static io.tenancycore.alert.testing.Api.alerts;
import static io.tenancycore.alert.testing.Api.as;
import static io.tenancycore.alert.testing.Api.tenant;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tenancycore.alert.testing.AlertProfile;
import io.tenancycore.alert.testing.HttpSink;
import io.tenancycore.alert.testing.TestServers;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Receiver secrets (webhook HMAC secret, Slack URL) are sealed by security-service's transit engine (the stand-in of
 * {@link TestServers}) before Redis sees them, opened only to deliver, never answered, never logged.
 */
@QuarkusTest
@TestProfile(AlertProfile.class)
class ReceiverSecretsIT {

    private static final String SECRET = "webhook-hmac-secret-never-shown";

    @Inject
    RedisDataSource redis;

    /** Every log line the service writes while a test runs. */
    static final class Captured extends Handler implements AutoCloseable {
        final List<String> lines = new CopyOnWriteArrayList<>();

        Captured() {
            Logger.getLogger("").addHandler(this);
        }

        @Override
        public void publish(LogRecord record) {
            String text = record instanceof org.jboss.logmanager.ExtLogRecord ext ? ext.getFormattedMessage()
                    : record.getMessage();
            lines.add(text + (record.getThrown() == null ? "" : " " + record.getThrown()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            Logger.getLogger("").removeHandler(this);
        }
    }

    @Test
    void secretsAreSealedAtRestNeverShownNeverLoggedAndStillSign() throws Exception {
        String t = tenant();
        String base = "/v1/tenants/" + t;
        try (HttpSink sink = new HttpSink(); Captured logs = new Captured()) {
            String hookPath = "/" + t + "/hook";
            String slackPath = "/" + t + "/slack-T000/B000/XXXXsecretpath";
            as(t).body("{\"name\": \"hook\", \"type\": \"webhook\", \"url\": \"" + sink.url(hookPath)
                    + "\", \"secret\": \"" + SECRET + "\"}").post(base + "/receivers").then().statusCode(201)
                    .body("secret", nullValue()).body("has_secret", equalTo(true))
                    .body(not(org.hamcrest.Matchers.containsString(SECRET)));
            as(t).body("{\"type\": \"slack\", \"slack_url\": \"" + sink.url(slackPath) + "\"}")
                    .put(base + "/receivers/chat").then().statusCode(201).body("slack_url", nullValue())
                    .body("has_secret", equalTo(true));
            as(t).get(base + "/receivers").then().statusCode(200).body("items.has_secret", everyItem(equalTo(true)))
                    .body(not(org.hamcrest.Matchers.containsString(SECRET)))
                    .body(not(org.hamcrest.Matchers.containsString("XXXXsecretpath")));

            // at rest: transit ciphertexts only, neither the values nor their base64
            Map<String, String> stored = redis.hash(String.class).hgetall("alert:{" + t + "}:receivers");
            assertEquals(2, stored.size());
            for (String value : stored.values()) {
                for (String plain : List.of(SECRET, "XXXXsecretpath", b64(SECRET), b64(sink.url(slackPath)))) {
                    assertFalse(value.contains(plain), "Redis holds " + plain + " in " + value);
                }
            }
            assertTrue(stored.get("hook").contains("\"secret\":\"tc:v1:"), stored.get("hook"));
            assertTrue(stored.get("chat").contains("\"slack_url\":\"tc:v1:"), stored.get("chat"));
            // the tenant's key was created once, and every call carried alert-service's own token
            assertEquals(1, TestServers.TRANSIT_CALLS.stream().filter(c -> c.startsWith(t + " create ")).count());
            assertTrue(TestServers.TRANSIT_CALLS.stream().filter(c -> c.startsWith(t + " "))
                    .allMatch(c -> c.endsWith(" alert-receivers Bearer alert-service-token")));

            // a delivery opens them: the webhook body is signed with the plaintext secret, Slack reaches its URL
            as(t).body("{\"route\": {\"receiver\": \"hook\", \"group_wait\": \"200ms\", \"group_interval\": \"1h\","
                    + " \"routes\": [{\"receiver\": \"hook\", \"continue\": true}, {\"receiver\": \"chat\"}]}}")
                    .put(base + "/routing").then().statusCode(200);
            as(t).body("{\"name\": \"system.high_cpu\", \"data\": {\"value\": 95}}").post(alerts(t)).then()
                    .statusCode(201);
            await().atMost(Duration.ofSeconds(10)).until(() -> sink.at(hookPath).size() == 1
                    && sink.at(slackPath).size() == 1);
            HttpSink.Received hook = sink.at(hookPath).get(0);
            assertEquals("sha256=" + hmac(SECRET, hook.body()), hook.header("X-Tenancy-Signature"));
            assertTrue(TestServers.TRANSIT_CALLS.stream().anyMatch(c -> c.startsWith(t + " decrypt ")));
            as(t).get(base + "/alert-history").then().body(not(org.hamcrest.Matchers.containsString(SECRET)))
                    .body(not(org.hamcrest.Matchers.containsString("XXXXsecretpath")));

            for (String line : logs.lines) {
                assertFalse(line.contains(SECRET) || line.contains("XXXXsecretpath") || line.contains(b64(SECRET)),
                        "a log line shows a secret: " + line);
            }
        }
    }

    @Test
    void withoutTransitASecretIsNotStoredAndTheAnswerIs503() {
        String t = tenant();
        TestServers.transitDown = true;
        try {
            as(t).body("{\"name\": \"hook\", \"type\": \"webhook\", \"url\": \"http://127.0.0.1:9/x\", \"secret\": \""
                    + SECRET + "\"}").post("/v1/tenants/" + t + "/receivers").then().statusCode(503)
                    .contentType("application/problem+json").header("Retry-After", "1");
            // a receiver without secrets needs no transit
            as(t).body("{\"name\": \"plain\", \"type\": \"webhook\", \"url\": \"http://127.0.0.1:9/x\"}")
                    .post("/v1/tenants/" + t + "/receivers").then().statusCode(201).body("has_secret", equalTo(false));
        } finally {
            TestServers.transitDown = false;
        }
        as(t).get("/v1/tenants/" + t + "/receivers/hook").then().statusCode(404);
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String hmac(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }
}

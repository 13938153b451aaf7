package io.tenancycore.config.secret;

import static io.tenancycore.config.testing.Fixtures.admin;
import static io.tenancycore.config.testing.Fixtures.as;
import static io.tenancycore.config.testing.Fixtures.uniqueTenant;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tenancycore.commons.testing.TestTokens;
import io.tenancycore.commons.events.Topics;
import io.tenancycore.commons.testsupport.RealBroker;
import io.tenancycore.commons.testsupport.TopicTail;
import io.tenancycore.config.support.RedisKeys;
import io.tenancycore.config.testing.FakeSecurityService;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(RealBroker.class)
@QuarkusTestResource(value = FakeSecurityService.class, restrictToAnnotatedClass = false)
class SecretsIT {

    @Inject
    RedisDataSource redis;

    @Test
    void aSecretIsStoredAsCiphertextMaskedAndRevealedOnlyWithThePermission() {
        String tenant = uniqueTenant("secret");
        String plaintext = "s3cr3t-" + tenant;
        List<String> logLines = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logLines.add(String.valueOf(record.getMessage()) + " " + java.util.Arrays.toString(
                        record.getParameters()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            int encryptCalls = FakeSecurityService.ENCRYPT_CALLS.get();
            admin(tenant).contentType("application/json")
                    .body("{\"value\": \"" + plaintext + "\", \"secret\": true}")
                    .put("/v1/tenants/" + tenant + "/config/keys/smtp.password").then().statusCode(201);
            assertTrue(FakeSecurityService.ENCRYPT_CALLS.get() > encryptCalls, "security-service encrypted it");

            // at rest: only the ciphertext, in the layer and in the history
            Map<String, String> layer = redis.hash(String.class).hgetall(RedisKeys.layer(tenant, "tenant"));
            assertTrue(layer.get("smtp.password").contains("tc:v1:"));
            assertFalse(layer.get("smtp.password").contains(plaintext));
            redis.sortedSet(String.class).zrange(RedisKeys.changes(tenant), 0, -1)
                    .forEach(record -> assertFalse(record.contains(plaintext)));

            // masked without reveal, even for an admin; the history masks it too
            admin(tenant).get("/v1/tenants/" + tenant + "/config").then().statusCode(200)
                    .body("entries.'smtp.password'.value", equalTo("******"))
                    .body("entries.'smtp.password'.secret", equalTo(true));
            admin(tenant).get("/v1/tenants/" + tenant + "/config/history").then()
                    .body(not(containsString(plaintext))).body(not(containsString("tc:v1:")));
            admin(tenant).get("/v1/tenants/" + tenant + "/config/watch?since=0").then()
                    .body(not(containsString(plaintext)));
            // a reader without config:secrets:read may not reveal
            as(TestTokens.tenantUser(tenant)).queryParam("reveal", true)
                    .get("/v1/tenants/" + tenant + "/config/keys/smtp.password").then().statusCode(403);
            as(TestTokens.tenantUser(tenant)).get("/v1/tenants/" + tenant + "/config/keys/smtp.password").then()
                    .statusCode(200).body("value", equalTo("******"));
            // with the permission, asking to reveal decrypts through security-service
            admin(tenant).queryParam("reveal", true).get("/v1/tenants/" + tenant + "/config/keys/smtp.password")
                    .then().statusCode(200).body("value", equalTo(plaintext));
            admin(tenant).queryParam("reveal", true).get("/v1/tenants/" + tenant + "/config").then()
                    .body("entries.'smtp.password'.value", equalTo(plaintext));
            // export leaves secrets out
            admin(tenant).get("/v1/tenants/" + tenant + "/config/export").then().statusCode(200)
                    .body(not(containsString("smtp.password")));
        } finally {
            root.removeHandler(capture);
        }
        assertTrue(logLines.stream().noneMatch(line -> line.contains(plaintext)),
                "the plaintext appeared in a log line");
    }

    @Test
    void revealingSecretsIsAuditedWithTheKeyNamesNeverTheValues() {
        String tenant = uniqueTenant("reveal");
        String plaintext = "hunter2-" + tenant;
        admin(tenant).contentType("application/json").body("{\"value\": \"" + plaintext + "\", \"secret\": true}")
                .put("/v1/tenants/" + tenant + "/config/keys/db.password").then().statusCode(201);
        admin(tenant).contentType("application/json").body("{\"value\": 5}")
                .put("/v1/tenants/" + tenant + "/config/keys/db.pool").then().statusCode(201);
        try (TopicTail audit = new TopicTail(Topics.AUDIT)) {
            admin(tenant).get("/v1/tenants/" + tenant + "/config").then().statusCode(200);
            admin(tenant).queryParam("reveal", true).get("/v1/tenants/" + tenant + "/config").then().statusCode(200)
                    .body("entries.'db.password'.value", equalTo(plaintext));
            ConsumerRecord<String, byte[]> revealed = audit.await(record -> tenant.equals(record.key())
                    && new String(record.value(), StandardCharsets.UTF_8).contains("config.secrets.reveal"));
            String json = new String(revealed.value(), StandardCharsets.UTF_8);
            assertTrue(json.contains("\"db.password\""), json);
            assertFalse(json.contains("db.pool"), "only secrets are named: " + json);
            assertFalse(json.contains(plaintext), "the value never reaches the audit log");

            admin(tenant).queryParam("reveal", true).get("/v1/tenants/" + tenant + "/config/keys/db.password")
                    .then().statusCode(200);
            audit.await(record -> tenant.equals(record.key()) && new String(record.value(), StandardCharsets.UTF_8)
                    .contains("config.secrets.reveal") && record.offset() > revealed.offset());
        }
    }
}

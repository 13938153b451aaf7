package io.tenancycore.security.crypto;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudevents.core.builder.CloudEventBuilder;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.tenancycore.commons.events.CloudEvents;
import io.tenancycore.commons.rbac.RbacChangeListener;
import io.tenancycore.security.events.SecurityEvents;
import io.tenancycore.security.support.TestTokens;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Encrypt and decrypt are served from memory (key metadata, unwrapped material, the caller's RBAC) and still follow
 * every change: the writer's own replica at once, another replica's change when its event arrives, a ciphertext of a
 * newer version at once.
 */
@QuarkusTest
class TransitHotPathTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String PLAINTEXT = Base64.getEncoder().encodeToString("hot path".getBytes());

    @Inject
    ReactiveRedisDataSource redis;
    @Inject
    TransitKeyStore store;
    @Inject
    TransitEngine engine;
    @Inject
    RbacChangeListener changes;

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    /** Calls of one Redis command so far (INFO commandstats). */
    private long calls(String command) {
        String info = redis.execute("INFO", "commandstats").await().atMost(WAIT).toString();
        for (String line : info.split("\r?\n")) {
            if (line.startsWith("cmdstat_" + command + ":calls=")) {
                return Long.parseLong(line.substring(line.indexOf('=') + 1, line.indexOf(',')));
            }
        }
        return 0;
    }

    private void announce(String type, String tenant) {
        changes.onSecurityChange(CloudEventBuilder.v1().withId(UUID.randomUUID().toString())
                .withSource(URI.create("/another-replica")).withType(type)
                .withExtension(CloudEvents.TENANT_EXTENSION, tenant).build()).await().atMost(WAIT);
    }

    @Test
    void warmDataOperationsReadNeitherKeyNorRolesFromRedis() throws Exception {
        String tenant = TestTokens.uniqueTenant("hot");
        String user = TestTokens.tenantToken(tenant, List.of("tenant-user"));
        // only this tenant's commands count: background jobs (auto-rotation, the audit store) read other keys
        try (RedisMonitor monitor = RedisMonitor.start(ConfigProvider.getConfig()
                .getValue("quarkus.redis.hosts", String.class), tenant)) {
            as(TestTokens.admin()).body(Map.of("name", "hot")).post("/v1/tenants/" + tenant + "/keys").then()
                    .statusCode(201);
            String base = "/v1/tenants/" + tenant + "/keys/hot";
            String ciphertext = as(user).body(Map.of("plaintext", PLAINTEXT)).post(base + "/encrypt").then()
                    .statusCode(200).extract().path("ciphertext");
            as(user).body(Map.of("ciphertext", ciphertext)).post(base + "/decrypt").then().statusCode(200);
            // the monitor sees this tenant's commands: creating the key wrote it
            assertTrue(monitor.commands() > 0, "the monitor saw none of the tenant's commands");
            long keyReadsBefore = monitor.count("hgetall");
            long roleReadsBefore = monitor.count("hvals");

            for (int i = 0; i < 50; i++) {
                as(user).body(Map.of("plaintext", PLAINTEXT)).post(base + "/encrypt").then().statusCode(200);
                as(user).body(Map.of("ciphertext", ciphertext)).post(base + "/decrypt").then().statusCode(200)
                        .body("plaintext", equalTo(PLAINTEXT));
            }
            // reading per call would be at least 100 of each
            long keyReads = monitor.count("hgetall") - keyReadsBefore;
            long roleReads = monitor.count("hvals") - roleReadsBefore;
            assertTrue(keyReads < 5, "key read from Redis per call: " + keyReads + " reads in 100 calls");
            assertTrue(roleReads < 5, "roles read from Redis per call: " + roleReads + " reads in 100 calls");
        }
    }

    @Test
    void anotherReplicasRotationAndDeletionAreFollowed() {
        String tenant = TestTokens.uniqueTenant("hot-rot");
        String user = TestTokens.tenantToken(tenant, List.of("tenant-user"));
        as(TestTokens.admin()).body(Map.of("name", "k")).post("/v1/tenants/" + tenant + "/keys").then()
                .statusCode(201);
        String base = "/v1/tenants/" + tenant + "/keys/k";
        as(user).body(Map.of("plaintext", PLAINTEXT)).post(base + "/encrypt").then().statusCode(200)
                .body("ciphertext", startsWith("tc:v1:"));

        // another replica rotates: a ciphertext of the new version is decrypted here at once
        store.addVersion(tenant, "k", 1, engine.newWrappedMaterial(tenant, "k", 2), Instant.now()).await()
                .atMost(WAIT);
        String v2 = engine.encrypt(store.find(tenant, "k").await().atMost(WAIT), Base64.getDecoder()
                .decode(PLAINTEXT), null, 0);
        as(user).body(Map.of("ciphertext", v2)).post(base + "/decrypt").then().statusCode(200)
                .body("plaintext", equalTo(PLAINTEXT));
        as(user).body(Map.of("plaintext", PLAINTEXT)).post(base + "/encrypt").then().statusCode(200)
                .body("ciphertext", startsWith("tc:v2:"));

        // another replica deletes: refused once its event arrived
        store.delete(tenant, "k").await().atMost(WAIT);
        announce(SecurityEvents.KEY_DELETED, tenant);
        as(user).body(Map.of("plaintext", PLAINTEXT)).post(base + "/encrypt").then().statusCode(404);
    }

    @Test
    void aConfigurationChangeCountsAtOnceOnTheWritingReplica() {
        String tenant = TestTokens.uniqueTenant("hot-cfg");
        String admin = TestTokens.tenantToken(tenant, List.of("tenant-admin"));
        String base = "/v1/tenants/" + tenant + "/keys/k";
        as(admin).body(Map.of("name", "k")).post("/v1/tenants/" + tenant + "/keys").then().statusCode(201);
        String v1 = as(admin).body(Map.of("plaintext", PLAINTEXT)).post(base + "/encrypt").then().statusCode(200)
                .extract().path("ciphertext");
        as(admin).post(base + "/rotate").then().statusCode(200);
        as(admin).body(Map.of("min_decryption_version", 2)).post(base + "/config").then().statusCode(200);
        as(admin).body(Map.of("ciphertext", v1)).post(base + "/decrypt").then().statusCode(422);
    }

    @Test
    void materialNoMasterKeyCanReadIsAPermanentConflictNotUnavailable() {
        String tenant = TestTokens.uniqueTenant("hot-lost");
        String user = TestTokens.tenantToken(tenant, List.of("tenant-user"));
        as(TestTokens.admin()).body(Map.of("name", "k")).post("/v1/tenants/" + tenant + "/keys").then()
                .statusCode(201);
        String wrapped = store.find(tenant, "k").await().atMost(WAIT).wrappedVersions().get(1);
        store.replaceMaterial(tenant, "k", 1, wrapped, "kek:00000000deadbeef:" + wrapped.substring(
                wrapped.lastIndexOf(':') + 1)).await().atMost(WAIT);
        try {
            announce(SecurityEvents.KEY_ROTATED, tenant);
            as(user).body(Map.of("plaintext", PLAINTEXT)).post("/v1/tenants/" + tenant + "/keys/k/encrypt").then()
                    .statusCode(409).body("type", equalTo("urn:tenancycore:problem:security:key-material-lost"));
        } finally {
            // unreadable material must not outlive this test: the master-key re-wrap of other tests reads every key
            store.delete(tenant, "k").await().atMost(WAIT);
        }
    }
}

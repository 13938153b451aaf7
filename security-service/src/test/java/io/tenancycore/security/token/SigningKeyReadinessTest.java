package io.tenancycore.security.token;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.tenancycore.security.crypto.MasterKeyRing;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SigningKeyReadinessTest {

    /** The readiness report /q/health/ready serves on the management interface (system tests call it over HTTP). */
    @Inject
    io.smallrye.health.SmallRyeHealthReporter health;

    @Inject
    ReactiveRedisDataSource redis;

    @Inject
    ObjectMapper mapper;

    @Test
    void readinessReportsTheActiveSigningKey() {
        jakarta.json.JsonObject readiness = health.getReadiness().getPayload();
        assertEquals("UP", readiness.getString("status"));
        jakarta.json.JsonObject signingKeys = readiness.getJsonArray("checks").getValuesAs(jakarta.json.JsonObject.class)
                .stream().filter(check -> SigningKeyReadinessCheck.NAME.equals(check.getString("name")))
                .findFirst().orElseThrow();
        assertEquals("UP", signingKeys.getString("status"));
        assertThat(signingKeys.getJsonObject("data").getString("active_kid"), notNullValue());
    }

    @Test
    void aReplicaWithoutTheMasterKeyThatWrappedTheSigningKeyIsNotReady() {
        byte[] otherKek = new byte[32];
        new SecureRandom().nextBytes(otherKek);
        MasterKeyRing wrongMasterKey = MasterKeyRing.fromBase64(Base64.getEncoder().encodeToString(otherKek), List.of());
        SigningKeyRing ring = new SigningKeyRing(new SigningKeyStore(redis, mapper), wrongMasterKey, Clock.systemUTC(),
                Duration.ofHours(25), 2048);
        ring.reload().await().atMost(Duration.ofSeconds(10));

        HealthCheckResponse response = new SigningKeyReadinessCheck(ring).call();

        assertEquals(HealthCheckResponse.Status.DOWN, response.getStatus());
        String error = String.valueOf(response.getData().orElseThrow().get("error"));
        assertThat(error, startsWith("material wrapped by unknown master key"));
    }
}

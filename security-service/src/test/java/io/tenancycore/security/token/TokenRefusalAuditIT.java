package io.tenancycore.security.token;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.tenancycore.security.support.AuditCapture;
import io.tenancycore.commons.testsupport.RealBroker;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What refused token requests leave in the audit log (real Kafka): enough to investigate, never the junk itself. */
@QuarkusTest
@TestProfile(RealBroker.class)
class TokenRefusalAuditIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    TokenConfig config;

    private static ValidatableResponse request(String clientId, String secret) {
        return given().contentType(ContentType.URLENC).formParam("grant_type", "client_credentials")
                .formParam("client_id", clientId).formParam("client_secret", secret).post("/v1/auth/token").then();
    }

    @Test
    void anOverLongClientIdIsAuditedWithoutItself() throws Exception {
        String marker = "junk" + UUID.randomUUID().toString().replace("-", "");
        String overLong = marker + "x".repeat(1000);
        String huge = marker + "y".repeat(3000);
        try (AuditCapture audit = new AuditCapture()) {
            // past Quarkus' form attribute limit (2 KiB): refused before the endpoint, not audited at all
            request(huge, "secret").statusCode(413).contentType("application/problem+json");
            request(overLong, "secret").statusCode(400);
            Integer length = overLong.length();
            await().atMost(WAIT).until(() -> audit.find(TokenService.ACTION, "actor", "anonymous").stream()
                    .anyMatch(r -> length.equals(details(r).get("client_id_length"))));
            Map<String, Object> record = audit.find(TokenService.ACTION, "actor", "anonymous").stream()
                    .filter(r -> length.equals(details(r).get("client_id_length"))).findFirst().orElseThrow();
            assertEquals("denied", record.get("outcome"));
            assertEquals("malformed client_id", details(record).get("reason"));
            assertFalse(audit.everything().contains(marker), "the client id reached the audit log");
        }
    }

    @Test
    void aRateLimitedClientIsAuditedOncePerWindow() throws Exception {
        String clientId = "probe-" + UUID.randomUUID().toString().substring(0, 8);
        int limit = config.rateLimit().failedAttemptsPerClient();
        try (AuditCapture audit = new AuditCapture()) {
            for (int i = 0; i < limit; i++) {
                request(clientId, "guess-" + i).statusCode(401);
            }
            for (int i = 0; i < 3; i++) {
                request(clientId, "more-" + i).statusCode(429);
            }
            await().atMost(WAIT).until(() -> audit.find(TokenService.ACTION, "actor", clientId).size() >= limit + 1);
            List<Map<String, Object>> records = audit.find(TokenService.ACTION, "actor", clientId);
            assertEquals(limit, records.stream()
                    .filter(r -> "unknown client or wrong secret".equals(details(r).get("reason"))).count());
            List<Map<String, Object>> limited = records.stream()
                    .filter(r -> String.valueOf(details(r).get("reason")).startsWith("rate limited")).toList();
            assertEquals(1, limited.size(), "one record per window, not one per refused request");
            assertEquals("denied", limited.get(0).get("outcome"));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> details(Map<String, Object> record) {
        Object details = record.get("details");
        return details instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }
}

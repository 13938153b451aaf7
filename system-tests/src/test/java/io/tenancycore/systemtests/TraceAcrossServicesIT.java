package io.tenancycore.systemtests;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * One trace across the suite, read back from the services' JSON logs: a tenant stores a secret in config-service with
 * its own {@code traceparent}; config-service logs the request, calls security-service's transit engine over HTTP
 * (which logs that request) and publishes an audit record to Kafka, whose consumer in security-service logs storing
 * it — all four lines carry the caller's trace id.
 */
class TraceAcrossServicesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path LOGS = Path.of(System.getProperty("tenancy.logs.dir", ".data/logs"));

    @Test
    void theCallersTraceIdIsInTheLogsOfEveryHop() {
        String admin = SuiteTokens.platformAdmin();
        String tenant = "trace-" + UUID.randomUUID().toString().substring(0, 8);
        SuiteTenants.register(admin, tenant);
        String token = SuiteTokens.newTenantClient(admin, tenant, "tenant-admin");
        String traceId = HexFormat.of().formatHex(randomBytes(16));

        given().baseUri(SuiteTenants.CONFIG.baseUrl()).auth().oauth2(token).contentType(ContentType.JSON)
                .header("traceparent", "00-" + traceId + "-" + HexFormat.of().formatHex(randomBytes(8)) + "-01")
                .body(Map.of("value", "plaintext-canary-trace-" + UUID.randomUUID(), "secret", true))
                .put("/v1/tenants/{t}/config/keys/smtp.password", tenant)
                .then().statusCode(201);

        Awaitility.await("config-service logged the request").atMost(Duration.ofSeconds(20)).until(() ->
                logged("config-service", traceId, line -> line.path("component").asText().equals("io.tenancycore.access")
                        && line.path("message").asText().startsWith("PUT ")
                        && line.path("tenant_id").asText().equals(tenant)
                        && line.path("status").asInt() == 201));
        Awaitility.await("security-service logged config-service's transit call").atMost(Duration.ofSeconds(20))
                .until(() -> logged("security-service", traceId,
                        line -> line.path("component").asText().equals("io.tenancycore.access")
                                && line.path("message").asText().matches("POST /v1/tenants/[^/]+/keys/[^/]+/encrypt")));
        Awaitility.await("security-service's audit consumer logged the record").atMost(Duration.ofSeconds(30))
                .until(() -> logged("security-service", traceId,
                        line -> line.path("component").asText().startsWith("io.tenancycore.security.audit")));
    }

    private static boolean logged(String service, String traceId, Predicate<JsonNode> matching) throws IOException {
        Path log = LOGS.resolve(service + ".log");
        assertTrue(Files.isRegularFile(log), "no log at " + log.toAbsolutePath() + " (set -Dtenancy.logs.dir)");
        List<String> lines = Files.readAllLines(log);
        for (String line : lines) {
            if (!line.startsWith("{") || !line.contains(traceId)) {
                continue;
            }
            JsonNode node = JSON.readTree(line);
            if (traceId.equals(node.path("trace_id").asText()) && matching.test(node)) {
                return true;
            }
        }
        return false;
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}

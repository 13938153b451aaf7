package io.tenancycore.commons.logging;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.tenancycore.commons.testing.TestTokens;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.awaitility.Awaitility;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The shape of a request's log line as DESIGN.md fixes it, written by the production JSON format. */
@QuarkusTest
class RequestLogTest {

    private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final JsonLogFormatter formatter = new JsonLogFormatter();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            lines.add(formatter.format(ExtLogRecord.wrap(record)));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void capture() {
        Logger.getLogger(LogFields.ACCESS_LOGGER).addHandler(capture);
    }

    @AfterEach
    void release() {
        Logger.getLogger(LogFields.ACCESS_LOGGER).removeHandler(capture);
    }

    @Test
    void aTenantRequestIsOneJsonLineWithItsFieldsAtTheTopLevel() throws Exception {
        given().auth().oauth2(TestTokens.tenantUser("acme"))
                .header("traceparent", "00-" + TRACE_ID + "-b7ad6b7169203331-01")
                .get("/v1/tenants/acme/anything?secret=not-logged")
                .then().statusCode(200);

        JsonNode line = lineFor("/v1/tenants/acme/anything");
        assertEquals("INFO", line.get("level").asText());
        assertEquals(LogFields.ACCESS_LOGGER, line.get("component").asText());
        assertEquals("GET /v1/tenants/acme/anything", line.get("message").asText());
        assertEquals("acme", line.get("tenant_id").asText());
        assertEquals(TRACE_ID, line.get("trace_id").asText());
        assertEquals(200, line.get("status").asInt());
        assertTrue(line.get("status").isNumber());
        assertTrue(line.get("latency_ms").isNumber() && line.get("latency_ms").asDouble() >= 0, line.toString());
        assertTrue(line.get("timestamp").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"),
                line.get("timestamp").asText());
        assertFalse(line.has("mdc"), "context fields are not nested");
        assertFalse(line.toString().contains("not-logged"), "query strings are not logged");
    }

    @Test
    void aRefusalBeforeJaxRsIsLoggedWithItsStatusAndAFreshTrace() throws Exception {
        given().auth().oauth2("not-a-token").get("/v1/tenants/acme/anything").then().statusCode(401);

        JsonNode line = lineFor("/v1/tenants/acme/anything");
        assertEquals(401, line.get("status").asInt());
        assertTrue(line.get("trace_id").asText().matches("[0-9a-f]{32}"), line.toString());
        assertFalse(line.has("tenant_id"), "an unauthenticated request is attributed to no tenant");
    }

    private JsonNode lineFor(String path) throws Exception {
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> lines.stream().anyMatch(l -> l.contains(path)));
        String line = lines.stream().filter(l -> l.contains(path)).findFirst().orElseThrow();
        assertTrue(line.endsWith(System.lineSeparator()) && line.indexOf('\n') == line.length() - 1, "one line");
        return JSON.readTree(line);
    }
}

package io.tenancycore.gateway.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.tenancycore.commons.error.ProblemException;
import io.tenancycore.commons.error.Violation;
import io.vertx.core.MultiMap;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class EventIntakeTest {

    private final EventIntake intake = new EventIntake(new ObjectMapper(), new EventsConfig() {
        @Override
        public int maxBatchSize() {
            return 3;
        }

        @Override
        public Duration acknowledgementTimeout() {
            return Duration.ofSeconds(5);
        }
    });

    private static MultiMap headers(String... pairs) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        for (int i = 0; i < pairs.length; i += 2) {
            headers.add(pairs[i], pairs[i + 1]);
        }
        return headers;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private Set<String> violatedFields(Runnable read) {
        ProblemException problem = assertThrows(ProblemException.class, read::run);
        assertEquals(422, problem.status());
        return problem.toProblem("/").violations().stream().map(Violation::field).collect(Collectors.toSet());
    }

    @Test
    void readsBinaryModeWithEveryAttribute() {
        CloudEvent event = intake.read("acme", headers("Content-Type", "application/json", "ce-specversion", "1.0",
                "ce-id", "e-1", "ce-source", "/crm", "ce-type", "tenant.created", "ce-subject", "acme",
                "ce-time", "2026-12-01T07:00:00.123Z", "ce-priority", "high", "ce-traceref", "abc"),
                utf8("{\"plan\":\"premium\"}")).get(0);
        assertEquals("e-1", event.getId());
        assertEquals("/crm", event.getSource().toString());
        assertEquals("application/json", event.getDataContentType());
        assertEquals("high", event.getExtension("priority"));
        assertEquals("abc", event.getExtension("traceref"));
        assertEquals("acme", event.getExtension("tenantid"));
        assertEquals("{\"plan\":\"premium\"}", new String(event.getData().toBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void theTenantIsAlwaysThePaths() {
        CloudEvent event = intake.read("acme", headers("Content-Type", EventIntake.STRUCTURED), utf8("""
                {"specversion":"1.0","id":"1","source":"/s","type":"t","tenantid":"globex"}
                """)).get(0);
        assertEquals("acme", event.getExtension("tenantid"));
    }

    @Test
    void aBatchListsEveryViolationOfEveryEvent() {
        Set<String> fields = violatedFields(() -> intake.read("acme",
                headers("Content-Type", EventIntake.BATCH + "; charset=utf-8"), utf8("""
                        [{"specversion":"1.0","source":"/s","type":"t"},
                         {"specversion":"0.3","id":"2","source":"/s","type":"t","time":"yesterday",
                          "priority":"urgent","Bad_Name":"x","kafkatopic":"tenancy.audit"},
                         "not an event"]
                        """)));
        assertEquals(Set.of("[0].id", "[1].specversion", "[1].time", "[1].priority", "[1].Bad_Name",
                "[1].kafkatopic", "[2]"), fields);
    }

    @Test
    void binaryModeWithoutRequiredHeadersNamesThem() {
        assertEquals(Set.of("id", "source"), violatedFields(() -> intake.read("acme",
                headers("ce-specversion", "1.0", "ce-type", "t"), new byte[0])));
    }

    @Test
    void aBatchHasALimit() {
        assertEquals(Set.of("$"), violatedFields(() -> intake.read("acme", headers("Content-Type", EventIntake.BATCH),
                utf8("[]"))));
        String event = "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\"}";
        assertEquals(Set.of("$"), violatedFields(() -> intake.read("acme", headers("Content-Type", EventIntake.BATCH),
                utf8("[" + String.join(",", List.of(event, event, event, event)) + "]"))));
    }

    @Test
    void somethingThatIsNoCloudEventIs415AndBrokenJsonIs400() {
        assertEquals(415, assertThrows(ProblemException.class, () -> intake.read("acme",
                headers("Content-Type", "application/json"), utf8("{}"))).status());
        assertEquals(400, assertThrows(ProblemException.class, () -> intake.read("acme",
                headers("Content-Type", EventIntake.STRUCTURED), utf8("{\"id\":"))).status());
    }
}

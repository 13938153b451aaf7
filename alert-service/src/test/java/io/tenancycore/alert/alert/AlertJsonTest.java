package io.tenancycore.alert.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@link AlertJson} writes what the service's ObjectMapper writes for an alert (the platform's settings: nulls left
 * out, ISO-8601 instants, unknown fields refused when read), character for character, and reads back as the same alert.
 */
class AlertJsonTest {

    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final AlertJson json = new AlertJson(mapper);

    @Test
    void firingAlertAsPrometheusSendsIt() throws Exception {
        Map<String, String> labels = new TreeMap<>(Map.of("alertname", "HighCPU", "instance", "node-7:9100",
                "severity", "warning", "updated_at", "a label named like a field"));
        Alert alert = new Alert("0123456789abcdef", "HighCPU", AlertState.FIRING, "warning", labels,
                new TreeMap<>(Map.of("summary", "CPU above 90% on \"node-7\"\n\t\\ ünïcödé ✓")), null,
                "http://prometheus:9090/graph?g0.expr=cpu", "alertmanager", Instant.parse("2026-12-01T00:00:00Z"),
                null, Instant.parse("2026-12-03T14:51:20.123Z"), null, null, null, null);
        assertSameAsMapper(alert);
    }

    @Test
    void everyFieldSet() throws Exception {
        Alert alert = new Alert("fp", "system.high_cpu", AlertState.ACKNOWLEDGED, "critical",
                new TreeMap<>(Map.of("alertname", "system.high_cpu")), Map.of(),
                mapper.readTree("{\"value\": 95, \"nested\": {\"list\": [1, \"two\", null, true]}}"), null, "api",
                Instant.parse("2026-01-01T00:00:00.000000001Z"), Instant.parse("2026-01-01T00:05:00.5Z"),
                Instant.parse("1970-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.999Z"), "ops@acme",
                Instant.parse("2026-02-28T23:59:59.010Z"), 42L);
        assertSameAsMapper(alert);
    }

    @Test
    void resolvedWithNoMaps() throws Exception {
        assertSameAsMapper(new Alert("fp", "n", AlertState.RESOLVED, null, null, null, null, null, null, null,
                null, null, null, null, Instant.parse("2024-02-29T12:00:00Z"), null));
    }

    @Test
    void instantsAsTheFormatterWritesThem() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            long seconds = random.nextLong(-100_000_000_000L, 400_000_000_000L);
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000_000);
                default -> random.nextInt(1_000_000) * 1000;
            };
            Instant instant = Instant.ofEpochSecond(seconds, nanos);
            assertEquals(instant.toString(), AlertJson.iso(instant));
        }
    }

    @Test
    void aRepostThatMovesOnlyUpdatedAtReplacesThatValue() throws Exception {
        Alert before = prometheusAlert(Instant.parse("2026-12-03T14:51:20.123Z"), null, "CPU above 90%");
        AlertJson.Written previous = json.write(before);
        Alert[] next = {
            prometheusAlert(Instant.parse("2026-12-03T14:52:20Z"), null, "CPU above 90%"),
            prometheusAlert(Instant.parse("2026-12-03T14:52:20.5Z"), null, "CPU above 90%"),
            prometheusAlert(Instant.parse("2026-12-03T14:52:20.5Z"), Instant.parse("2026-12-03T14:57:20Z"),
                    "CPU above 90%"),
            prometheusAlert(Instant.parse("2026-12-03T14:52:20.5Z"), null, "CPU above 95%"),
            before.withState(AlertState.RESOLVED, Instant.parse("2026-12-03T14:53:00Z"), "system"),
        };
        for (Alert alert : next) {
            AlertJson.Written rewritten = json.write(alert, before, previous);
            assertEquals(mapper.writeValueAsString(alert), rewritten.json());
            assertEquals(json.write(alert), rewritten);
            // and again from the rewritten JSON, as the next post of the same alert does
            Alert later = prometheusAlert(Instant.parse("2026-12-03T14:59:59.999Z"), alert.endsAt(),
                    alert.annotations().get("summary"));
            if (alert.state() == AlertState.FIRING) {
                assertEquals(mapper.writeValueAsString(later), json.write(later, alert, rewritten).json());
            }
        }
    }

    private static Alert prometheusAlert(Instant updatedAt, Instant endsAt, String summary) {
        return new Alert("0123456789abcdef", "HighCPU", AlertState.FIRING, "warning",
                new TreeMap<>(Map.of("alertname", "HighCPU", "instance", "node-7:9100", "severity", "warning")),
                new TreeMap<>(Map.of("summary", summary)), null, "http://prometheus:9090/graph?g0.expr=cpu",
                "alertmanager", Instant.parse("2026-12-01T00:00:00Z"), endsAt, updatedAt, null, null, null, null);
    }

    private void assertSameAsMapper(Alert alert) throws Exception {
        String written = json.write(alert).json();
        assertEquals(mapper.writeValueAsString(alert), written);
        assertEquals(alert, mapper.readValue(written, Alert.class));
    }
}

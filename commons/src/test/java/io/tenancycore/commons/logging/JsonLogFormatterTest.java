package io.tenancycore.commons.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonLogFormatterTest {

    @Test
    void openTelemetryKeysBecomeSnakeCaseFieldsAndAnExplicitFieldWins() {
        Map<String, String> context = new LinkedHashMap<>();
        context.put("traceId", "from-the-current-span");
        context.put("spanId", "b7ad6b7169203331");
        context.put("sampled", "false");
        context.put("trace_id", "from-the-record");
        context.put("tenant_id", "acme");

        Map<String, String> fields = JsonLogFormatter.contextFields(context);

        assertEquals(Map.of("trace_id", "from-the-record", "span_id", "b7ad6b7169203331", "tenant_id", "acme"), fields);
    }
}

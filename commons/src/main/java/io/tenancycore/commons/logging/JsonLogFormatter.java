package io.tenancycore.commons.logging;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.LogRecord;
import org.jboss.logmanager.ExtFormatter;
import org.jboss.logmanager.ExtLogRecord;

/**
 * DESIGN.md's JSON log line: {@code timestamp} (RFC 3339 UTC, milliseconds), {@code level}, {@code component}
 * (the logger), {@code message}, then the logging context (MDC) as top-level fields — {@code tenant_id},
 * {@code trace_id}/{@code span_id} (OpenTelemetry's {@code traceId}/{@code spanId} renamed), {@code latency_ms} and
 * {@code status} as numbers — and {@code exception} when there is one. Quarkus' own JSON format nests the context
 * under {@code mdc}, which log pipelines then have to unpack.
 */
public class JsonLogFormatter extends ExtFormatter {

    private static final JsonFactory JSON = new JsonFactory();

    @Override
    public String format(ExtLogRecord record) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("timestamp", Instant.ofEpochMilli(record.getMillis()).truncatedTo(ChronoUnit.MILLIS)
                    .toString());
            json.writeStringField("level", record.getLevel().getName());
            json.writeStringField("component", record.getLoggerName());
            json.writeStringField("message", formatMessage(record));
            for (Map.Entry<String, String> field : contextFields(record.getMdcCopy()).entrySet()) {
                writeContextField(json, field.getKey(), field.getValue());
            }
            json.writeStringField("thread", record.getThreadName());
            if (record.getThrown() != null) {
                json.writeStringField("exception", stackTrace(record.getThrown()));
            }
            json.writeEndObject();
        } catch (IOException cannotHappenOnAStringWriter) {
            return record.getMessage() + System.lineSeparator();
        }
        return out.append(System.lineSeparator()).toString();
    }

    @Override
    public String formatMessage(LogRecord record) {
        String message = super.formatMessage(record);
        return message == null ? "" : message;
    }

    /**
     * The context as fields, once each: a value put under the field's own name (a consumer naming the trace a record
     * came with) wins over OpenTelemetry's key for the same field.
     */
    static Map<String, String> contextFields(Map<String, String> context) {
        Map<String, String> fields = new LinkedHashMap<>();
        context.forEach((key, value) -> {
            if (value != null && !LogFields.DROPPED.contains(key) && !LogFields.RENAMED.containsKey(key)) {
                fields.put(key, value);
            }
        });
        context.forEach((key, value) -> {
            if (value != null && LogFields.RENAMED.containsKey(key)) {
                fields.putIfAbsent(LogFields.RENAMED.get(key), value);
            }
        });
        return fields;
    }

    private static void writeContextField(JsonGenerator json, String field, String value) throws IOException {
        if (LogFields.NUMERIC.contains(field)) {
            try {
                json.writeNumberField(field, Double.parseDouble(value));
                return;
            } catch (NumberFormatException notANumber) {
                // written as text below rather than lost
            }
        }
        json.writeStringField(field, value);
    }

    private static String stackTrace(Throwable thrown) {
        StringWriter trace = new StringWriter();
        thrown.printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }
}

package io.tenancycore.commons.events;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** W3C trace context on Kafka records and in the logging MDC, so a trace continues across services. */
public final class TraceHeaders {

    /** Record header and MDC key of the W3C {@code traceparent}. */
    public static final String TRACEPARENT = "traceparent";
    /** MDC key the JSON log format prints as {@code trace_id}. */
    public static final String MDC_TRACE_ID = "trace_id";

    private TraceHeaders() {
    }

    /** The traceparent of the current OpenTelemetry span, if there is one. */
    public static Optional<String> currentTraceparent() {
        io.opentelemetry.api.trace.SpanContext span = io.opentelemetry.api.trace.Span.current().getSpanContext();
        return span.isValid()
                ? Optional.of("00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex())
                : Optional.empty();
    }

    public static Optional<String> read(Headers headers) {
        Header header = headers.lastHeader(TRACEPARENT);
        return header == null || header.value() == null
                ? Optional.empty()
                : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    public static void write(Headers headers, String traceparent) {
        headers.remove(TRACEPARENT);
        headers.add(TRACEPARENT, traceparent.getBytes(StandardCharsets.UTF_8));
    }

    /** The trace id inside a {@code version-traceid-parentid-flags} traceparent. */
    public static Optional<String> traceId(String traceparent) {
        String[] parts = traceparent.split("-");
        return parts.length == 4 ? Optional.of(parts[1]) : Optional.empty();
    }
}

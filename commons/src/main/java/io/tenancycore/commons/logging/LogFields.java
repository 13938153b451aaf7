package io.tenancycore.commons.logging;

import java.util.Map;
import java.util.Set;

/** The JSON log fields DESIGN.md names, and how logging-context (MDC) keys become them. */
public final class LogFields {

    public static final String TENANT_ID = "tenant_id";
    public static final String TRACE_ID = "trace_id";
    public static final String SPAN_ID = "span_id";
    public static final String LATENCY_MS = "latency_ms";
    public static final String STATUS = "status";

    /** OpenTelemetry's MDC keys, renamed to the snake_case fields; {@code sampled} and {@code parentId} are noise. */
    static final Map<String, String> RENAMED = Map.of("traceId", TRACE_ID, "spanId", SPAN_ID);
    static final Set<String> DROPPED = Set.of("sampled", "parentId");
    static final Set<String> NUMERIC = Set.of(LATENCY_MS, STATUS);
    /** Where requests are logged, one line each with {@link #LATENCY_MS} and {@link #STATUS}. */
    public static final String ACCESS_LOGGER = "io.tenancycore.access";

    private LogFields() {
    }
}

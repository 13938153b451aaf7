/**
 * Logs as DESIGN.md describes them: JSON lines with top-level {@code tenant_id}, {@code trace_id},
 * {@code latency_ms}, {@code status}; one line per request; the trace from OpenTelemetry.
 */
package io.tenancycore.commons.logging;

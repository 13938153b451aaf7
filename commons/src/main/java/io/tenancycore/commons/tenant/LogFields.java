package io.tenancycore.commons.tenant;

/** Log MDC keys, named as DESIGN.md's JSON log fields. */
public final class LogFields {

    public static final String TENANT_ID = "tenant_id";
    public static final String TRACE_ID = "trace_id";

    private LogFields() {
    }
}

package io.tenancycore.commons.events;

import java.util.List;

/** The Kafka topics of the platform (DESIGN.md, "Events"). */
public final class Topics {

    public static final String TENANTS = "tenancy.tenants";
    public static final String CONFIG_CHANGES = "tenancy.config-changes";
    public static final String SECURITY_CHANGES = "tenancy.security-changes";
    public static final String AUDIT = "tenancy.audit";
    public static final String ALERT_SIGNALS = "tenancy.alert-signals";
    public static final String WORKFLOW_EVENTS = "tenancy.workflow-events";
    public static final String EVENTS_HIGH = "tenancy.events.high";
    public static final String EVENTS_NORMAL = "tenancy.events.normal";
    public static final String EVENTS_LOW = "tenancy.events.low";
    public static final String EVENTS_DLQ = "tenancy.events.dlq";
    /** Audit records security-service could not read: kept here, never lost silently, never blocking a partition. */
    public static final String AUDIT_DLQ = "tenancy.audit.dlq";
    /** Tenant lifecycle events security-service could not provision after its retries. */
    public static final String TENANTS_DLQ = "tenancy.tenants.dlq";

    /** Every topic of the platform, for provisioning. */
    public static final List<String> ALL = List.of(TENANTS, CONFIG_CHANGES, SECURITY_CHANGES, AUDIT,
            AUDIT_DLQ, TENANTS_DLQ, ALERT_SIGNALS, WORKFLOW_EVENTS, EVENTS_HIGH, EVENTS_NORMAL, EVENTS_LOW, EVENTS_DLQ);

    private Topics() {
    }
}

package io.tenancycore.commons.events;

/**
 * The CloudEvent {@code type}s of the platform, each literal defined here once ({@link TenantEvents} holds the tenant
 * lifecycle's). Producers and consumers in every service use these constants.
 */
public final class EventTypes {

    /** {@link ConfigChanged} on {@code tenancy.config-changes}. */
    public static final String CONFIG_CHANGED = "io.tenancycore.config.changed";
    /** {@code CacheInvalidation} on a cache's change topic. */
    public static final String CACHE_INVALIDATED = "io.tenancycore.cache.invalidated";
    /** {@code AuditRecord} on {@code tenancy.audit}. */
    public static final String AUDIT_RECORDED = "io.tenancycore.audit.recorded";
    /** A measurement or condition a service reports on {@code tenancy.alert-signals}; alert-service's rules read it. */
    public static final String ALERT_SIGNAL = "io.tenancycore.alert.signal";

    /** Security changes on {@code tenancy.security-changes}, all starting with this prefix. */
    public static final String SECURITY_PREFIX = "io.tenancycore.security.";
    public static final String ROLES_CHANGED = SECURITY_PREFIX + "roles.changed";
    public static final String KEY_CREATED = SECURITY_PREFIX + "key.created";
    public static final String KEY_ROTATED = SECURITY_PREFIX + "key.rotated";
    public static final String KEY_CONFIGURED = SECURITY_PREFIX + "key.configured";
    public static final String KEY_DELETED = SECURITY_PREFIX + "key.deleted";
    public static final String SIGNING_KEY_ROTATED = SECURITY_PREFIX + "signing-key.rotated";
    public static final String POLICY_CHANGED = SECURITY_PREFIX + "policy.changed";
    public static final String CLIENT_CHANGED = SECURITY_PREFIX + "client.changed";

    /** Workflow instance lifecycle on {@code tenancy.workflow-events}, all starting with this prefix. */
    public static final String WORKFLOW_PREFIX = "io.tenancycore.workflow.";
    public static final String WORKFLOW_STARTED = WORKFLOW_PREFIX + "instance.started";
    public static final String WORKFLOW_COMPLETED = WORKFLOW_PREFIX + "instance.completed";
    public static final String WORKFLOW_FAILED = WORKFLOW_PREFIX + "instance.failed";
    public static final String WORKFLOW_CANCELLED = WORKFLOW_PREFIX + "instance.cancelled";

    private EventTypes() {
    }
}

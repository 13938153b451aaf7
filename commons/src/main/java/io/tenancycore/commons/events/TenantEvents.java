package io.tenancycore.commons.events;

/**
 * CloudEvent types on {@code tenancy.tenants}: config-service announces each lifecycle step, every service follows
 * (security-service provisions default roles, every replica keeps tenant statuses current).
 */
public final class TenantEvents {

    public static final String REGISTERED = "io.tenancycore.tenant.registered";
    public static final String ACTIVATED = "io.tenancycore.tenant.activated";
    public static final String SUSPENDED = "io.tenancycore.tenant.suspended";
    public static final String DELETED = "io.tenancycore.tenant.deleted";
    /** The tenant's provisioning failed and was undone; a platform client may set it back to provisioning. */
    public static final String FAILED = "io.tenancycore.tenant.failed";
    public static final String UPDATED = "io.tenancycore.tenant.updated";
    /**
     * workflow-service's {@code tenant_provisioning} finished: the tenant has its roles, keys, admin client and
     * configuration and is active. Published on {@code tenancy.workflow-events} (workflow-service's topic; config-service
     * alone writes {@code tenancy.tenants}).
     */
    public static final String PROVISIONED = "io.tenancycore.tenant.provisioned";
    /** {@code tenant_provisioning} failed and was undone; the data carries the reason. Same topic. */
    public static final String PROVISIONING_FAILED = "io.tenancycore.tenant.provisioning_failed";

    private TenantEvents() {
    }
}

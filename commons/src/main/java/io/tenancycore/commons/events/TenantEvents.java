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
    public static final String UPDATED = "io.tenancycore.tenant.updated";

    private TenantEvents() {
    }
}

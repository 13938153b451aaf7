package io.tenancycore.commons.tenant;

/**
 * CDI event fired when a token of one tenant asks for another tenant's resources.
 * The audit log observes it, so every refused cross-tenant access leaves a trace.
 */
public record CrossTenantAccessDenied(String subject, String tokenTenant, String requestedTenant, String path,
        String sourceIp, String traceId) {
}

package io.tenancycore.commons.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Bounds the {@code tenant} label: the first {@code max-tenant-tags} tenants seen keep their id, later ones share
 * {@value #OTHER}; requests without a tenant are {@value #NONE}.
 */
@ApplicationScoped
public class TenantTagLimiter {

    public static final String OTHER = BoundedTags.OTHER;
    public static final String NONE = "none";

    private final BoundedTags tenants;

    @Inject
    public TenantTagLimiter(TenantMetricsConfig config) {
        this(config.maxTenantTags());
    }

    TenantTagLimiter(int maxTenants) {
        this.tenants = new BoundedTags(maxTenants);
    }

    public String tagFor(String tenantId) {
        if (tenantId == null || tenantId.isBlank()) {
            return NONE;
        }
        return tenants.tagFor(tenantId);
    }
}

package io.tenancycore.commons.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bounds the {@code tenant} label: the first {@code max-tenant-tags} tenants seen keep their id, later ones share
 * {@value #OTHER}; requests without a tenant are {@value #NONE}.
 */
@ApplicationScoped
public class TenantTagLimiter {

    public static final String OTHER = "other";
    public static final String NONE = "none";

    private final Set<String> admitted = ConcurrentHashMap.newKeySet();
    private final int maxTenants;

    @Inject
    public TenantTagLimiter(TenantMetricsConfig config) {
        this(config.maxTenantTags());
    }

    TenantTagLimiter(int maxTenants) {
        this.maxTenants = maxTenants;
    }

    public String tagFor(String tenantId) {
        if (tenantId == null || tenantId.isBlank()) {
            return NONE;
        }
        if (admitted.contains(tenantId)) {
            return tenantId;
        }
        synchronized (admitted) {
            if (admitted.size() < maxTenants) {
                admitted.add(tenantId);
                return tenantId;
            }
        }
        return admitted.contains(tenantId) ? tenantId : OTHER;
    }
}

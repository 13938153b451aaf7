package io.tenancycore.alert.support;

import io.tenancycore.commons.redis.TenantKeys;

/** alert-service's Redis keys, DESIGN's layout {@code alert:{<tenant>}:<what>} (commons.redis.TenantKeys). */
public final class Keys {

    public static final String SERVICE = "alert";

    private Keys() {
    }

    public static String of(String tenantId, String what) {
        return TenantKeys.key(SERVICE, tenantId, what);
    }

    /** Platform-wide keys (leases, the index of tenants with work) live under the pseudo-tenant {@code _platform}. */
    public static String platform(String what) {
        return TenantKeys.key(SERVICE, TenantKeys.PLATFORM, what);
    }
}

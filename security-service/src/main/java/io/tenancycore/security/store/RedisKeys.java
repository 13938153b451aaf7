package io.tenancycore.security.store;

import io.tenancycore.commons.redis.TenantKeys;

/**
 * Redis key layout of security-service: {@code security:{<tenant>}:<what>}. The tenant sits in a hash tag so one
 * tenant's keys share a cluster slot. Platform-wide state uses the pseudo tenant {@value #PLATFORM}, which no
 * tenant id can equal (tenant ids start with a letter).
 */
public final class RedisKeys {

    public static final String PLATFORM = TenantKeys.PLATFORM;
    private static final String SERVICE = "security";

    private RedisKeys() {
    }

    public static String tenant(String tenantId, String what) {
        return TenantKeys.key(SERVICE, tenantId, what);
    }

    public static String platform(String what) {
        return tenant(PLATFORM, what);
    }
}

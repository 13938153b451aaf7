package io.tenancycore.config.support;

import io.tenancycore.commons.redis.TenantKeys;

/**
 * Redis key layout of config-service: {@code config:{<tenant>}:...} so that one tenant's keys share a cluster slot
 * (its revision, layers and change log are updated together by one script). Platform-wide layers (global,
 * environment) belong to the pseudo-tenant {@value #PLATFORM}, which no real tenant id can collide with.
 */
public final class RedisKeys {

    /** Not a valid tenant id (ids start with a letter), so it cannot clash with a tenant. */
    public static final String PLATFORM = TenantKeys.PLATFORM;
    public static final String TENANT_INDEX = "config:tenants";

    private RedisKeys() {
    }

    public static String tenant(String tenantId) {
        return prefix(tenantId) + "tenant";
    }

    public static String revision(String owner) {
        return prefix(owner) + "rev";
    }

    public static String changes(String owner) {
        return prefix(owner) + "changes";
    }

    public static String compacted(String owner) {
        return prefix(owner) + "compacted";
    }

    public static String layer(String owner, String layerId) {
        return prefix(owner) + "layer:" + layerId;
    }

    public static String schemas(String tenantId) {
        return prefix(tenantId) + "schemas";
    }

    public static String effective(String tenantId, String environment) {
        return prefix(tenantId) + "effective:" + (environment == null ? "-" : environment);
    }

    public static String prefix(String owner) {
        return TenantKeys.prefix("config", owner);
    }
}

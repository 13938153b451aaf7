package io.tenancycore.security.concurrency;

import io.tenancycore.security.store.RedisKeys;

/**
 * The names of the write locks ({@link io.tenancycore.commons.lease.WriteLocks}) of security-service's resources
 * without a compare-and-set of their own: one per resource, in the tenant's hash slot.
 */
public final class LockKeys {

    private LockKeys() {
    }

    public static String role(String tenantId, String role) {
        return RedisKeys.tenant(tenantId, "lock:role:" + role);
    }

    public static String binding(String tenantId, String subject) {
        return RedisKeys.tenant(tenantId, "lock:binding:" + subject);
    }

    public static String policy(String tenantId) {
        return RedisKeys.tenant(tenantId, "lock:policy");
    }

    public static String transitKey(String tenantId, String name) {
        return RedisKeys.tenant(tenantId, "lock:key:" + name);
    }
}

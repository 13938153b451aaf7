package io.tenancycore.template.support;

import io.tenancycore.commons.redis.TenantKeys;

/**
 * Redis keys of this service, {@code template:{<tenant>}:...}: the tenant in a hash tag keeps a tenant's keys in one
 * cluster slot, which the multi-key scripts of the stores need.
 */
public final class RedisKeys {

    private static final String SERVICE = "template";

    private RedisKeys() {
    }

    public static String tenant(String tenantId) {
        return TenantKeys.prefix(SERVICE, tenantId);
    }

    /** Hash: {@code current} (version served) and {@code latest} (last number given out, survives deletion). */
    public static String templateMeta(String tenantId, String name) {
        return tenant(tenantId) + "tpl:" + name;
    }

    /** Hash: version number → template JSON. */
    public static String templateVersions(String tenantId, String name) {
        return tenant(tenantId) + "tpl:" + name + ":versions";
    }

    /** Set of the tenant's template names. */
    public static String templateNames(String tenantId) {
        return tenant(tenantId) + "names";
    }

    /** Hash: message key → MessageFormat pattern. */
    public static String messages(String tenantId, String locale) {
        return tenant(tenantId) + "messages:" + locale;
    }

    /** Write lock of one bundle (commons WriteLocks): its If-Match check and its replacement are one step. */
    public static String messagesLock(String tenantId, String locale) {
        return tenant(tenantId) + "lock:messages:" + locale;
    }

    /** Write lock of the tenant's settings. */
    public static String settingsLock(String tenantId) {
        return tenant(tenantId) + "lock:settings";
    }

    /** Set of the locales the tenant has a bundle for. */
    public static String messageLocales(String tenantId) {
        return tenant(tenantId) + "message-locales";
    }

    /** Hash of the tenant's template settings (default locale). */
    public static String settings(String tenantId) {
        return tenant(tenantId) + "settings";
    }

    /** Tiered-cache copy of the tenant's current version of a template (or of its absence). */
    public static String cachedOverride(String tenantId, String name) {
        return tenant(tenantId) + "cache:override:" + name;
    }

    /** Tiered-cache copy of every bundle of the tenant. */
    public static String cachedMessages(String tenantId) {
        return tenant(tenantId) + "cache:messages";
    }

    /** Tiered-cache copy of the tenant's settings. */
    public static String cachedSettings(String tenantId) {
        return tenant(tenantId) + "cache:settings";
    }
}

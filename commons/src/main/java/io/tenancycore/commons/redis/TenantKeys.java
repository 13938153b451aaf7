package io.tenancycore.commons.redis;

/**
 * DESIGN's Redis key layout, built in one place: {@code <service>:{<tenantId>}:<what>}. The tenant id sits in a hash
 * tag so all of a tenant's keys of every service share one cluster slot, which keeps multi-key scripts legal in
 * Redis Cluster. Platform-wide state belongs to the pseudo-tenant {@value #PLATFORM}, which no tenant id can equal
 * (tenant ids start with a letter).
 */
public final class TenantKeys {

    public static final String PLATFORM = "_platform";

    private TenantKeys() {
    }

    /** {@code <service>:{<tenantId>}:} — the prefix every key of that tenant in that service starts with. */
    public static String prefix(String service, String tenantId) {
        return service + ":{" + tenantId + "}:";
    }

    /** {@code <service>:{<tenantId>}:<what>}. */
    public static String key(String service, String tenantId, String what) {
        return prefix(service, tenantId) + what;
    }
}

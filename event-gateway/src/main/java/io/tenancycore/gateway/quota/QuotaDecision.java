package io.tenancycore.gateway.quota;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One request counted against a tenant's hourly quota, and the headers that tell the client where it stands
 * (IETF RateLimit header fields: limit, remaining, seconds until reset; {@code Retry-After} when refused).
 *
 * @param used requests counted in the window, this one included when allowed
 */
public record QuotaDecision(boolean allowed, long limit, long used, long resetSeconds) {

    public static final String LIMIT = "RateLimit-Limit";
    public static final String REMAINING = "RateLimit-Remaining";
    public static final String RESET = "RateLimit-Reset";
    public static final String POLICY = "RateLimit-Policy";
    public static final String RETRY_AFTER = "Retry-After";

    public long remaining() {
        return Math.max(0, limit - used);
    }

    /** {@code used / limit}, capped at 1: the {@code tenant_api_quota_usage} gauge. */
    public double usageRatio() {
        return limit <= 0 ? 0 : Math.min(1.0, (double) used / limit);
    }

    public Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(LIMIT, Long.toString(limit));
        headers.put(REMAINING, Long.toString(remaining()));
        headers.put(RESET, Long.toString(resetSeconds));
        headers.put(POLICY, limit + ";w=" + HourWindow.SECONDS);
        if (!allowed) {
            headers.put(RETRY_AFTER, Long.toString(resetSeconds));
        }
        return headers;
    }
}

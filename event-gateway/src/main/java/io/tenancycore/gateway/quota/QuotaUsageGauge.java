package io.tenancycore.gateway.quota;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tenancycore.commons.metrics.TenantTagLimiter;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code tenant_api_quota_usage{tenant}}: the share (0..1) of the tenant's hourly quota used in the current hour, as
 * the last request through this replica saw it (the counter is shared, so every replica reports the same figure
 * after its next request). Falls to 0 when the hour ends. The tenant label is bounded like every tenant metric.
 */
@ApplicationScoped
public class QuotaUsageGauge {

    public static final String NAME = "tenant.api.quota.usage";

    private record Usage(double ratio, long validUntilMillis) {
    }

    private final MeterRegistry registry;
    private final TenantTagLimiter tenantTags;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Usage> usage = new ConcurrentHashMap<>();

    public QuotaUsageGauge(MeterRegistry registry, TenantTagLimiter tenantTags) {
        this.registry = registry;
        this.tenantTags = tenantTags;
    }

    public void record(String tenantId, QuotaDecision decision) {
        String tag = tenantTags.tagFor(tenantId);
        Usage seen = new Usage(decision.usageRatio(), clock.millis() + decision.resetSeconds() * 1000);
        if (usage.put(tag, seen) == null) {
            Gauge.builder(NAME, usage, all -> current(all.get(tag)))
                    .tag("tenant", tag)
                    .description("Share of the tenant's hourly API quota used in the current hour (0..1)")
                    .register(registry);
        }
    }

    private double current(Usage seen) {
        return seen == null || clock.millis() >= seen.validUntilMillis() ? 0 : seen.ratio();
    }
}

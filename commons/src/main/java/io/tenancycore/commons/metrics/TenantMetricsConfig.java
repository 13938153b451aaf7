package io.tenancycore.commons.metrics;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

@ConfigMapping(prefix = "tenancy.metrics")
public interface TenantMetricsConfig {

    /** Distinct tenant label values per service; later tenants are labelled {@code other}, keeping Prometheus sane. */
    @WithDefault("100")
    int maxTenantTags();

    /** Histogram bucket bounds of {@code tenant_response_time_seconds}. */
    @WithDefault("5ms,10ms,25ms,50ms,100ms,250ms,500ms,1s,2500ms,5s,10s")
    List<Duration> latencyBuckets();

    /** Requests under these path prefixes (health, metrics, OpenAPI) are not tenant traffic. */
    @WithDefault("/q/")
    List<String> ignoredPathPrefixes();

    /** The file system whose usage {@code system_disk_usage_percent} reports. */
    @WithDefault("/")
    String diskPath();
}

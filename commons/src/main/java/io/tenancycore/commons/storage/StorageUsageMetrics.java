package io.tenancycore.commons.storage;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.metrics.TenantTagLimiter;
import io.tenancycore.commons.redis.KeyScanner;
import io.tenancycore.commons.redis.TenantKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * {@code tenant_storage_usage_bytes{tenant, service}}: the tenant's stored bytes in this service, as its usage
 * counter says. Set after each write this replica makes, and re-read from Redis every
 * {@code tenancy.storage.gauge-refresh} (writes of other replicas, tenants this replica has not served). The tenant
 * label is bounded by {@link TenantTagLimiter}: tenants past the cap are summed under {@code other}.
 */
@ApplicationScoped
public class StorageUsageMetrics {

    public static final String NAME = "tenant.storage.usage.bytes";
    private static final Logger LOG = Logger.getLogger(StorageUsageMetrics.class);

    private final MeterRegistry registry;
    private final TenantTagLimiter tenantTags;
    private final TenantStorageConfig config;
    private final Instance<ReactiveRedisDataSource> redis;
    private final Instance<KeyScanner> scanner;
    /** tenant label → tenant → bytes (a label holds several tenants only for {@code other}). */
    private final Map<String, Map<String, Long>> byLabel = new ConcurrentHashMap<>();

    public StorageUsageMetrics(MeterRegistry registry, TenantTagLimiter tenantTags, TenantStorageConfig config,
            Instance<ReactiveRedisDataSource> redis, Instance<KeyScanner> scanner) {
        this.registry = registry;
        this.scanner = scanner;
        this.tenantTags = tenantTags;
        this.config = config;
        this.redis = redis;
    }

    /** The tenant's usage in this service is now {@code bytes}. */
    public void observed(String tenantId, long bytes) {
        String service = config.service().orElse(null);
        if (service == null || tenantId == null || TenantKeys.PLATFORM.equals(tenantId)) {
            return;
        }
        String label = tenantTags.tagFor(tenantId);
        byLabel.computeIfAbsent(label, newLabel -> {
            Map<String, Long> tenants = new ConcurrentHashMap<>();
            Gauge.builder(NAME, tenants, StorageUsageMetrics::sum)
                    .description("Bytes a tenant stores in this service (field names, values, history)")
                    .tags("tenant", newLabel, "service", service)
                    .register(registry);
            return tenants;
        }).put(tenantId, Math.max(0, bytes));
    }

    @Scheduled(every = "${tenancy.storage.gauge-refresh:60s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        if (config.service().isEmpty() || !redis.isResolvable() || !scanner.isResolvable()) {
            return Uni.createFrom().voidItem();
        }
        return refreshFrom(redis.get(), scanner.get()).onFailure().invoke(failure -> LOG.debugf("storage usage not refreshed: %s",
                failure.toString())).onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Reads every usage counter of this service (a SCAN over its {@code *:storage-bytes} keys, every master's). */
    public Uni<Void> refreshFrom(ReactiveRedisDataSource redis, KeyScanner scanner) {
        String service = config.service().orElseThrow();
        String pattern = service + ":{*}:" + TenantStorage.USAGE_KEY;
        return scanner.scan(pattern)
                .onItem().transformToUniAndConcatenate(key -> redis.value(Long.class).get(key)
                        .invoke(bytes -> observed(tenantOf(key), bytes == null ? 0 : bytes)))
                .collect().last().replaceWithVoid();
    }

    private static String tenantOf(String key) {
        return key.substring(key.indexOf('{') + 1, key.indexOf('}'));
    }

    private static double sum(Map<String, Long> tenants) {
        double total = 0;
        for (long bytes : tenants.values()) {
            total += bytes;
        }
        return total;
    }

    List<String> labels() {
        return List.copyOf(byLabel.keySet());
    }
}

package io.tenancycore.commons.storage;

import io.smallrye.mutiny.Uni;
import java.util.List;

/**
 * One storing service's side of {@link TenantStorage}, handed to its stores: what a writing script needs (the
 * tenant's usage counters as extra KEYS, this service's first, and the quota as an ARGV) and what to do with its
 * answer (update the gauge, or refuse with {@link StorageQuotaExceeded}).
 */
public final class StorageAccount {

    /** The KEYS to append to a writing script, and its quota argument ({@link TenantStorage#NO_QUOTA} = none). */
    public record Script(List<String> usageKeys, String quota) {
    }

    private final String service;
    private final TenantStorage storage;
    private final StorageUsageMetrics metrics;

    /** @param metrics {@code null}: usage is counted and enforced but not exported (tests of one store) */
    public StorageAccount(String service, TenantStorage storage, StorageUsageMetrics metrics) {
        this.service = service;
        this.storage = storage;
        this.metrics = metrics;
    }

    public String service() {
        return service;
    }

    public Uni<Script> script(String tenantId) {
        return storage.quotaArgument(tenantId).map(quota -> new Script(storage.usageKeys(service, tenantId), quota));
    }

    public String usageKey(String tenantId) {
        return TenantStorage.usageKey(service, tenantId);
    }

    /** The tenant's counter in this service now says {@code bytes}. */
    public void observed(String tenantId, long bytes) {
        if (metrics != null) {
            metrics.observed(tenantId, bytes);
        }
    }

    public StorageQuotaExceeded exceeded(String tenantId, Script script, long usedBytes, long addedBytes) {
        return new StorageQuotaExceeded(service, tenantId, Long.parseLong(script.quota()), usedBytes, addedBytes);
    }
}

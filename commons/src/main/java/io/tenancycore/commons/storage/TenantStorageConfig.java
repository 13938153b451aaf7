package io.tenancycore.commons.storage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Per-tenant storage accounting ({@code tenant_storage_usage_bytes}, {@code storage_quota_gb}). */
@ConfigMapping(prefix = "tenancy.storage")
public interface TenantStorageConfig {

    /**
     * This service's name in Redis keys ({@code config}, {@code template}) when it stores tenant data; unset for a
     * service that stores none (no gauge, no quota).
     */
    Optional<String> service();

    /**
     * Every service whose stored bytes count against a tenant's one quota: a write reads all their usage keys of the
     * tenant (one hash slot) inside the script that writes.
     */
    @WithDefault("config,template")
    List<String> countedServices();

    /** How often the gauge re-reads the usage keys, so writes through other replicas show up here too. */
    @WithDefault("60s")
    Duration gaugeRefresh();
}

package io.tenancycore.commons.tenantstatus;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Whether and how services refuse requests for unknown, suspended and deleted tenants. */
@ConfigMapping(prefix = "tenancy.tenant-status")
public interface TenantStatusConfig {

    enum Source {
        /** Every tenant counts as active: module tests, and a service run without config-service. */
        NONE,
        /**
         * Read from config-service's tenant registry (config-service reads its own store; the others ask it over
         * HTTP), cached and kept current by {@code tenancy.tenants}.
         */
        REGISTRY
    }

    @WithDefault("none")
    Source source();

    /**
     * How long a looked-up status is trusted without an event. Status changes arrive as events within a second; this
     * bounds how long a missed event could keep a suspended tenant working.
     */
    @WithDefault("60s")
    Duration cacheTtl();

    /** How long "unknown tenant" is remembered (short, so a tenant registered a moment ago is soon served). */
    @WithDefault("5s")
    Duration unknownTtl();

    @WithDefault("100000")
    long cacheMaxSize();
}

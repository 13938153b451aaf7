package io.tenancycore.commons.configclient;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * The config client ({@code tenancy.config-client.*}). config-service's base URL is the REST client config key
 * {@code config-service} ({@code quarkus.rest-client.config-service.url}, default http://localhost:8081); the
 * cache is the tiered cache named {@value TenantConfigClient#CACHE} ({@code tenancy.cache."tenant-config".*}).
 */
@ConfigMapping(prefix = "tenancy.config-client")
public interface ConfigClientConfig {

    /** Environment whose merged view to read ({@code ?env=}); unset: the service's core.yaml environment. */
    Optional<String> environment();

    /**
     * Listen for change events from startup on, so no change is missed between the first read and the listener;
     * services that use the client set this. Off by default: the client then subscribes on first use, and an
     * application that never uses it needs neither Redis nor Kafka for it.
     */
    @WithDefault("false")
    boolean subscribeAtStartup();
}

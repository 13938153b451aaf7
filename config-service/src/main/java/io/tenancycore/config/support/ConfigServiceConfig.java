package io.tenancycore.config.support;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/** Settings of config-service ({@code tenancy.config.*}). */
@ConfigMapping(prefix = "tenancy.config")
public interface ConfigServiceConfig {

    /** The environments a tenant@environment layer may name; the environment layer of each comes from core.yaml. */
    @WithDefault("dev,staging,prod")
    List<String> environments();

    /** Revisions kept per tenant; older ones are compacted (time travel and watch before them answer 410). */
    @WithDefault("1000")
    int historyRetention();

    /** Long-poll wait when the client gives none. */
    @WithDefault("30s")
    Duration watchDefaultWait();

    /** Longest long-poll wait a client may ask for. */
    @WithDefault("120s")
    Duration watchMaxWait();

    /** What a secret value reads as without the permission to reveal it. */
    @WithDefault("******")
    String secretMask();

    /** security-service transit key that encrypts this tenant's secret configuration values. */
    @WithDefault("config-secrets")
    String secretKeyName();

    /** Page size of the tenant list when the client gives none, and the largest it may ask for. */
    @WithDefault("50")
    int defaultPageSize();

    @WithDefault("500")
    int maxPageSize();
}

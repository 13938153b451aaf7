package io.tenancycore.gateway.subscription;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Webhook subscriptions ({@code tenancy.gateway.subscriptions.*}). */
@ConfigMapping(prefix = "tenancy.gateway.subscriptions")
public interface SubscriptionsConfig {

    /**
     * Accept sinks on loopback, private and link-local addresses given literally (or {@code localhost}). Off in
     * production: a tenant's webhook must not reach the platform's own network.
     */
    @WithDefault("false")
    boolean allowPrivateSinks();

    /** Subscriptions per tenant. */
    @WithDefault("100")
    int maxPerTenant();

    /** Most retries a subscription may ask for. */
    @WithDefault("10")
    int maxRetry();
}

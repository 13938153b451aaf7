package io.tenancycore.security.crypto;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

@ConfigMapping(prefix = "tenancy.security.transit")
public interface TransitConfig {

    /** Most items in one {@code batch_input}. */
    @WithDefault("1000")
    int maxBatchItems();

    /** Shortest {@code auto_rotate_period} a key may have (Vault: 1h). */
    @WithDefault("1h")
    Duration minAutoRotatePeriod();

    /** How often one replica (under a lease) looks for keys due for auto-rotation. */
    @WithDefault("1m")
    Duration autoRotateCheckInterval();

    @WithDefault("5m")
    Duration autoRotateLeaseTtl();

    /**
     * Key names reserved for a service in every tenant, name → service identity ({@link ManagedKeys}); default
     * {@code config-secrets} → {@code config-service} (application.yaml).
     */
    Map<String, String> managedKeys();

    /** The in-memory keys of the data operations ({@link TransitKeyCache}). */
    KeyCache keyCache();

    interface KeyCache {

        /** Keys kept at most (each with its unwrapped versions); the least used go first. */
        @WithDefault("10000")
        long maxKeys();

        /** A key is read from Redis again after this even without a change event. */
        @WithDefault("5m")
        Duration ttl();
    }
}

package io.tenancycore.security.crypto;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

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
}

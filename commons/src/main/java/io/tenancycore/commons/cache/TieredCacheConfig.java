package io.tenancycore.commons.cache;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithDefaults;
import io.smallrye.config.WithParentName;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Per-cache settings, {@code tenancy.cache."<name>".*}; a cache without an entry gets the defaults.
 * The Redis TTL defaults to the environment's {@code cache.default_ttl} (core.yaml), else 10 minutes.
 */
@ConfigMapping(prefix = "tenancy.cache")
public interface TieredCacheConfig {

    @WithParentName
    @WithDefaults
    Map<String, NamedCache> caches();

    interface NamedCache {

        /** Entries kept in process; 0 disables L1. */
        @WithDefault("10000")
        long l1MaxSize();

        /** Expiry of the Redis copy. */
        @WithDefault("${cache.default_ttl:10m}")
        Duration ttl();

        /** Expiry of the in-process copy; defaults to {@link #ttl()}. */
        Optional<Duration> l1Ttl();

        /** Values whose encoding is larger are deflated in Redis; negative disables compression. */
        @WithDefault("1024")
        int compressThresholdBytes();

        /**
         * Change topic that carries invalidations to every replica; the replicas read them from {@code
         * tenancy.config-changes} (commons' {@code config-changes} channel), so another topic only publishes.
         */
        @WithDefault("tenancy.config-changes")
        String invalidationTopic();

        default CacheSettings toSettings(String name) {
            return new CacheSettings(name, l1MaxSize(), l1Ttl().orElse(ttl()), ttl(), compressThresholdBytes(),
                    invalidationTopic());
        }
    }
}

package io.tenancycore.commons.cache;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of one tiered cache.
 *
 * @param l1MaxSize entries kept in process; 0 disables L1 (every get goes to Redis)
 * @param l1Ttl expire-after-write of L1 entries
 * @param ttl expiry of the Redis copy
 * @param compressThresholdBytes encoded values larger than this are deflated in Redis; negative disables
 * @param invalidationTopic change topic carrying invalidations to every replica; {@code null}: this replica only
 */
public record CacheSettings(String name, long l1MaxSize, Duration l1Ttl, Duration ttl, int compressThresholdBytes,
        String invalidationTopic) {

    public static final long DEFAULT_L1_MAX_SIZE = 10_000;
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(10);
    public static final int DEFAULT_COMPRESS_THRESHOLD_BYTES = 1024;

    public CacheSettings {
        Objects.requireNonNull(name, "name");
        if (l1MaxSize < 0) {
            throw new IllegalArgumentException("l1MaxSize must not be negative");
        }
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive");
        }
        if (l1Ttl == null) {
            l1Ttl = ttl;
        }
    }

    public static CacheSettings defaults(String name, String invalidationTopic) {
        return new CacheSettings(name, DEFAULT_L1_MAX_SIZE, DEFAULT_TTL, DEFAULT_TTL, DEFAULT_COMPRESS_THRESHOLD_BYTES,
                invalidationTopic);
    }

    public CacheSettings withL1MaxSize(long size) {
        return new CacheSettings(name, size, l1Ttl, ttl, compressThresholdBytes, invalidationTopic);
    }

    public CacheSettings withCompressThresholdBytes(int threshold) {
        return new CacheSettings(name, l1MaxSize, l1Ttl, ttl, threshold, invalidationTopic);
    }

    public CacheSettings withTtl(Duration newTtl) {
        return new CacheSettings(name, l1MaxSize, newTtl, newTtl, compressThresholdBytes, invalidationTopic);
    }
}

/**
 * The platform's tiered cache: {@link io.tenancycore.commons.cache.TieredCache} (Caffeine L1, Redis L2,
 * single-flight, deflate above a threshold, invalidation of every replica's L1 through a change topic), created by
 * name from {@code tenancy.cache."<name>".*} with {@link io.tenancycore.commons.cache.TieredCaches}.
 *
 * <p>Metrics (Prometheus names): {@code tenancy_cache_gets_total{cache,level="l1|l2",result="hit|miss|error"}},
 * {@code tenancy_cache_load_seconds{cache}}, {@code tenancy_cache_invalidations_total{cache,origin="local|remote"}},
 * {@code tenancy_cache_l1_size{cache}}.
 */
package io.tenancycore.commons.cache;

package io.tenancycore.commons.token;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@link VerifiedTokenCache}: how many distinct verified tokens a replica remembers (each until its expiry). */
@ConfigMapping(prefix = "tenancy.verified-tokens")
public interface VerifiedTokenCacheConfig {

    @WithDefault("true")
    boolean enabled();

    @WithDefault("10000")
    long maxSize();
}

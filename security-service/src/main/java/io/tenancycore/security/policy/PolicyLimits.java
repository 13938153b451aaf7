package io.tenancycore.security.policy;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Bounds the platform sets on every tenant's security policy ({@code tenancy.security.policy.*}). A tenant writing
 * its policy past one gets 422 naming it; token issue applies it again, so a policy stored before the bound was
 * lowered cannot outlive it.
 */
@ConfigMapping(prefix = "tenancy.security.policy")
public interface PolicyLimits {

    String MAX_TOKEN_TTL_KEY = "tenancy.security.policy.max-token-ttl";

    /** Longest lifetime a tenant may give its clients' tokens ({@code token_ttl_seconds}). */
    @WithDefault("4h")
    Duration maxTokenTtl();
}

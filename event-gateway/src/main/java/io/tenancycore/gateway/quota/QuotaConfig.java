package io.tenancycore.gateway.quota;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.OptionalLong;

/** Per-tenant API quotas ({@code tenancy.gateway.quota.*}). */
@ConfigMapping(prefix = "tenancy.gateway.quota")
public interface QuotaConfig {

    /** Off: no tenant is limited and no {@code RateLimit-*} header is sent. */
    @WithDefault("true")
    boolean enabled();

    /**
     * Requests per hour for a tenant whose document sets no {@code api_quota_per_hour} (or when tenants are not read
     * from the registry); unset means such tenants are not limited.
     */
    OptionalLong defaultPerHour();
}

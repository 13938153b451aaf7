package io.tenancycore.commons.validation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Map;

/**
 * {@code tenancy.tenants.features} (the feature catalog) and {@code tenancy.tenants.plans.<plan>.max-api-quota-per-hour}
 * / {@code .max-storage-quota-gb}. Without any plan configured the built-in plans of {@link TenantRules} apply.
 */
@ConfigMapping(prefix = "tenancy.tenants")
public interface TenantsConfig {

    @WithDefault("sso,audit_log,custom_domain,advanced_analytics,api_access,webhooks,priority_support,data_export,white_label")
    List<String> features();

    Map<String, Plan> plans();

    interface Plan {
        long maxApiQuotaPerHour();

        long maxStorageQuotaGb();
    }
}

package io.tenancycore.config.tenant.validation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Map;

/**
 * The tenant catalogs ({@code tenancy.tenants.*}), settable per environment like any Quarkus setting (a profile
 * such as {@code %prod.tenancy.tenants.features}, or the variable {@code TENANCY_TENANTS_FEATURES}).
 * Without any plan configured the built-in plans of {@link TenantRules} apply.
 */
@ConfigMapping(prefix = "tenancy.tenants")
public interface TenantsConfig {

    /** The feature catalog: the features a tenant document may list. */
    @WithDefault("audio_processing,analytics,sso,audit_log,custom_domain,advanced_analytics,api_access,webhooks,"
            + "priority_support,data_export,white_label")
    List<String> features();

    /** The plan of a tenant document that names none; must be one of the plans. */
    @WithDefault(TenantRules.DEFAULT_PLAN)
    String defaultPlan();

    /** {@code tenancy.tenants.plans.<plan>.max-api-quota-per-hour} and {@code .max-storage-quota-gb}. */
    Map<String, Plan> plans();

    interface Plan {
        long maxApiQuotaPerHour();

        long maxStorageQuotaGb();
    }
}

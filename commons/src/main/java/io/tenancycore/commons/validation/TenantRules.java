package io.tenancycore.commons.validation;

import java.util.Map;
import java.util.Set;

/**
 * The catalogs a tenant document is checked against: known features and plans with their quota caps.
 * In a service it comes from {@link TenantsConfig}; {@link #defaults()} is the built-in catalog.
 */
public record TenantRules(Set<String> features, Map<String, PlanCaps> plans) {

    public static final Set<String> DEFAULT_FEATURES = Set.of("sso", "audit_log", "custom_domain",
            "advanced_analytics", "api_access", "webhooks", "priority_support", "data_export", "white_label");

    public static final Map<String, PlanCaps> DEFAULT_PLANS = Map.of(
            "free", new PlanCaps(1_000, 5),
            "starter", new PlanCaps(10_000, 50),
            "business", new PlanCaps(100_000, 500),
            "enterprise", new PlanCaps(1_000_000, 10_000));

    public TenantRules {
        features = Set.copyOf(features);
        plans = Map.copyOf(plans);
    }

    public static TenantRules defaults() {
        return new TenantRules(DEFAULT_FEATURES, DEFAULT_PLANS);
    }
}

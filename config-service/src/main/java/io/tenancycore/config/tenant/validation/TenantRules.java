package io.tenancycore.config.tenant.validation;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The catalogs a tenant document is checked against: known features, plans with their quota caps, and the plan of
 * a document that names none. In the service it comes from {@link TenantsConfig}; {@link #defaults()} is the
 * built-in catalog (the same as the configuration defaults).
 */
public record TenantRules(Set<String> features, Map<String, PlanCaps> plans, String defaultPlan) {

    /** The product specification's own features first, then the platform's. */
    public static final Set<String> DEFAULT_FEATURES = Set.of("audio_processing", "analytics", "sso", "audit_log",
            "custom_domain", "advanced_analytics", "api_access", "webhooks", "priority_support", "data_export",
            "white_label");

    public static final Map<String, PlanCaps> DEFAULT_PLANS = Map.of(
            "free", new PlanCaps(1_000, 5),
            "starter", new PlanCaps(10_000, 50),
            "business", new PlanCaps(100_000, 500),
            "premium", new PlanCaps(500_000, 2_000),
            "enterprise", new PlanCaps(1_000_000, 10_000));

    /** Roomy enough for the specification's example tenant (5,000 calls per hour, 100 GB) without naming a plan. */
    public static final String DEFAULT_PLAN = "business";

    public TenantRules {
        features = Set.copyOf(features);
        plans = Map.copyOf(plans);
        if (!plans.containsKey(defaultPlan)) {
            throw new IllegalArgumentException("the default plan '" + defaultPlan + "' is not one of the plans "
                    + new TreeSet<>(plans.keySet()));
        }
    }

    public static TenantRules defaults() {
        return new TenantRules(DEFAULT_FEATURES, DEFAULT_PLANS, DEFAULT_PLAN);
    }
}

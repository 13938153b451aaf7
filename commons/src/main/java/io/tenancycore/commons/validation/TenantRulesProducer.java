package io.tenancycore.commons.validation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.HashSet;
import java.util.Map;
import java.util.stream.Collectors;

@ApplicationScoped
public class TenantRulesProducer {

    @Produces
    @ApplicationScoped
    TenantRules tenantRules(TenantsConfig config) {
        Map<String, PlanCaps> plans = config.plans().isEmpty()
                ? TenantRules.DEFAULT_PLANS
                : config.plans().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                        plan -> new PlanCaps(plan.getValue().maxApiQuotaPerHour(), plan.getValue().maxStorageQuotaGb())));
        return new TenantRules(new HashSet<>(config.features()), plans);
    }
}

package io.tenancycore.commons.validation;

import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.HashSet;
import java.util.Map;
import java.util.stream.Collectors;

@ApplicationScoped
public class TenantRulesProducer {

    @Produces
    @Unremovable
    @Singleton
    TenantRules tenantRules(TenantsConfig config) {
        Map<String, PlanCaps> plans = config.plans().isEmpty()
                ? TenantRules.DEFAULT_PLANS
                : config.plans().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                        plan -> new PlanCaps(plan.getValue().maxApiQuotaPerHour(), plan.getValue().maxStorageQuotaGb())));
        return new TenantRules(new HashSet<>(config.features()), plans);
    }
}

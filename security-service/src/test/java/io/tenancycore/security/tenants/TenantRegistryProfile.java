package io.tenancycore.security.tenants;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;
import java.util.Set;

/** The service as deployed: tenant statuses from the registry (here {@link StubTenantDirectory}). */
public class TenantRegistryProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("tenancy.tenant-status.source", "registry");
    }

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(StubTenantDirectory.class);
    }
}

package io.tenancycore.commons.tenantstatus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.error.ProblemException;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TenantFeaturesTest {

    private final TenantFeatures features = new TenantFeatures(tenant -> Uni.createFrom().item(
            new TenantProfile(TenantStatus.ACTIVE, "acme".equals(tenant) ? Set.of("data_export") : Set.of(), null)));

    @Test
    void aTenantWithTheFeaturePassesOneWithoutItGetsA403NamingTheFeature() {
        assertTrue(features.has("acme", "data_export").await().indefinitely());
        features.require("config", "acme", "data_export").await().indefinitely();
        ProblemException refused = assertThrows(ProblemException.class,
                () -> features.require("config", "globex", "data_export").await().indefinitely());
        assertEquals(403, refused.status());
        assertEquals("urn:tenancycore:problem:config:feature-not-enabled", refused.toProblem("/").type());
        assertTrue(refused.toProblem("/").detail().contains("'data_export'"));
    }

    @Test
    void withoutARegistryNothingIsRestricted() {
        TenantFeatures unrestricted = new TenantFeatures(TenantDirectory.EVERY_TENANT_ACTIVE);
        assertTrue(unrestricted.has("anyone", "data_export").await().indefinitely());
    }
}

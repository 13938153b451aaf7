package io.tenancycore.commons.tenantstatus;

import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.error.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * "Does this tenant have this feature?" from the tenant document's {@code features}, through the cached
 * {@link TenantDirectory} (no call per request; a {@code tenant.updated} event makes the next use read it again).
 */
@ApplicationScoped
public class TenantFeatures {

    public static final String NOT_ENABLED = "feature-not-enabled";

    private final TenantDirectory directory;

    public TenantFeatures(TenantDirectory directory) {
        this.directory = directory;
    }

    public Uni<Boolean> has(String tenantId, String feature) {
        return directory.profileOf(tenantId).map(profile -> profile.hasFeature(feature));
    }

    /**
     * Fails with 403 {@code urn:tenancycore:problem:<service>:feature-not-enabled} naming the feature when the tenant
     * does not have it.
     */
    public Uni<Void> require(String service, String tenantId, String feature) {
        return has(tenantId, feature).invoke(enabled -> {
            if (!enabled) {
                throw ProblemException.forbidden("urn:tenancycore:problem:" + service + ":" + NOT_ENABLED,
                        "Tenant '" + tenantId + "' does not have the feature '" + feature + "'; a platform "
                                + "administrator adds it to the tenant's features.");
            }
        }).replaceWithVoid();
    }
}

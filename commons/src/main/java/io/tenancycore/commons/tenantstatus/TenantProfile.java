package io.tenancycore.commons.tenantstatus;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What every service needs to know of a tenant on its request path, read from the tenant document once and cached by
 * the {@link TenantDirectory}: its lifecycle status, the features it may use, and its storage quota.
 *
 * @param features the tenant document's {@code features}; {@code null} means "not restricted" (a service run without
 *                 a registry, {@code tenancy.tenant-status.source=none})
 * @param storageQuotaBytes {@code storage_quota_gb} in bytes (1 GB = 10^9 bytes); {@code null} when the document sets
 *                 none or no registry is consulted
 */
// a Redis value or Kafka payload that Jackson maps outside REST endpoints: a native executable needs it listed
@RegisterForReflection(registerFullHierarchy = true)
public record TenantProfile(TenantStatus status, Set<String> features, Long storageQuotaBytes) {

    static final String STATUS = "status";
    static final String FEATURES = "features";
    static final String STORAGE_QUOTA_GB = "storage_quota_gb";
    private static final BigDecimal BYTES_PER_GB = BigDecimal.valueOf(1_000_000_000L);

    /** Every tenant of a service run without a registry: active, nothing restricted. */
    public static final TenantProfile UNRESTRICTED = new TenantProfile(TenantStatus.ACTIVE, null, null);
    /** Nobody registered the tenant. */
    public static final TenantProfile UNKNOWN = new TenantProfile(TenantStatus.UNKNOWN, Set.of(), null);

    public TenantProfile {
        features = features == null ? null : Set.copyOf(features);
    }

    /** From config-service's representation of a tenant ({@code status}, {@code features}, {@code storage_quota_gb}). */
    public static TenantProfile fromDocument(Map<String, ?> document) {
        return fromDocument(TenantStatus.ofWireName(String.valueOf(document.get(STATUS))), document);
    }

    /** From a tenant document whose status is known separately. */
    public static TenantProfile fromDocument(TenantStatus status, Map<String, ?> document) {
        Object features = document.get(FEATURES);
        Set<String> named = features instanceof Collection<?> list
                ? list.stream().map(String::valueOf).collect(Collectors.toUnmodifiableSet())
                : Set.of();
        return new TenantProfile(status, named, quotaBytes(document.get(STORAGE_QUOTA_GB)));
    }

    public TenantProfile withStatus(TenantStatus newStatus) {
        return new TenantProfile(newStatus, features, storageQuotaBytes);
    }

    public boolean hasFeature(String feature) {
        return features == null || features.contains(feature);
    }

    public OptionalLong storageQuota() {
        return storageQuotaBytes == null ? OptionalLong.empty() : OptionalLong.of(storageQuotaBytes);
    }

    private static Long quotaBytes(Object gigabytes) {
        if (gigabytes == null) {
            return null;
        }
        try {
            return new BigDecimal(gigabytes.toString()).multiply(BYTES_PER_GB).longValue();
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

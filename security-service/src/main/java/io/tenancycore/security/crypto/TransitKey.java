package io.tenancycore.security.crypto;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A named AES-256-GCM key of a tenant with all its versions. {@code wrappedVersions} holds the material wrapped by
 * the master key; it never leaves the service.
 *
 * @param minEncryptionVersion 0 means "latest"
 * @param autoRotatePeriod zero when auto-rotation is off
 */
// a Redis value or Kafka payload that Jackson maps outside REST endpoints: a native executable needs it listed
@RegisterForReflection(registerFullHierarchy = true)
public record TransitKey(String tenantId, String name, Instant createdAt, int latestVersion, int minDecryptionVersion,
        int minEncryptionVersion, Duration autoRotatePeriod, boolean deletionAllowed, boolean exportable,
        Instant lastRotated, SortedMap<Integer, Instant> versionTimes, Map<Integer, String> wrappedVersions) {

    public TransitKey {
        versionTimes = new TreeMap<>(versionTimes);
        wrappedVersions = Map.copyOf(wrappedVersions);
    }

    /** Where a version's wrapped material lives; bound into the wrap so blobs cannot be swapped between slots. */
    public static String materialLocation(String tenantId, String name, int version) {
        return "transit/" + tenantId + "/" + name + "/v" + version;
    }

    public boolean autoRotates() {
        return !autoRotatePeriod.isZero();
    }

    /** True when auto-rotation is due at {@code now}. */
    public boolean rotationDue(Instant now) {
        return autoRotates() && !lastRotated.plus(autoRotatePeriod).isAfter(now);
    }

    public int effectiveMinEncryptionVersion() {
        return minEncryptionVersion == 0 ? latestVersion : minEncryptionVersion;
    }
}

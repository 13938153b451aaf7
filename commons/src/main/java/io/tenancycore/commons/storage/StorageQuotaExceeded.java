package io.tenancycore.commons.storage;

import io.tenancycore.commons.error.ProblemException;
import java.util.List;

/**
 * A write refused because it would take the tenant past its {@code storage_quota_gb}: 413, nothing written. An
 * audited write that ends with it is recorded as {@code denied}, like a missing permission.
 */
public class StorageQuotaExceeded extends ProblemException {

    public static final String NAME = "storage-quota-exceeded";

    public StorageQuotaExceeded(String service, String tenantId, long quotaBytes, long usedBytes, long addedBytes) {
        super("urn:tenancycore:problem:" + service + ":" + NAME, 413, "Content Too Large",
                "Tenant '" + tenantId + "' stores " + usedBytes + " bytes of its storage quota of " + quotaBytes
                        + " bytes (storage_quota_gb); this write adds " + addedBytes + " bytes. Delete data or raise "
                        + "storage_quota_gb, then retry.",
                List.of());
    }

    @Override
    public boolean isRefusal() {
        return true;
    }
}

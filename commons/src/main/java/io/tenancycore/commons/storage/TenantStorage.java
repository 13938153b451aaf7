package io.tenancycore.commons.storage;

import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.redis.TenantKeys;
import io.tenancycore.commons.tenantstatus.TenantDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * A tenant's stored bytes and its storage quota. Each storing service keeps one counter per tenant,
 * {@code <service>:{<tenant>}:storage-bytes}, changed by the same Lua script that writes the data (so it cannot drift
 * from what is stored): logical bytes, i.e. the lengths of the stored field names, values and history records. The
 * quota ({@code storage_quota_gb} of the tenant document, through the cached {@link TenantDirectory}) covers the
 * tenant's bytes in every counted service together: all counters of a tenant share its hash slot, so the writing
 * script reads them all atomically ({@link #LUA_STORED_BYTES}) and refuses a write that would pass the quota before
 * it changes anything. A write that stores less (a delete, a smaller value) is always allowed.
 */
@ApplicationScoped
public class TenantStorage {

    public static final String USAGE_KEY = "storage-bytes";
    /** An argument to the scripts meaning "no quota". */
    public static final String NO_QUOTA = "";
    /**
     * Lua: {@code stored_bytes(first, last)} sums the counters {@code KEYS[first..last]}; {@code over_quota(quota,
     * used, delta)} tells whether adding {@code delta} bytes passes {@code quota} (an ARGV, {@code ''} = none).
     */
    public static final String LUA_STORED_BYTES = """
            local function stored_bytes(first, last)
              local total = 0
              for k = first, last do total = total + tonumber(redis.call('GET', KEYS[k]) or '0') end
              return total
            end
            local function over_quota(quota, used, delta)
              return quota ~= '' and delta > 0 and used + delta > tonumber(quota)
            end
            """;

    private final TenantDirectory directory;
    private final List<String> countedServices;

    @Inject
    public TenantStorage(TenantDirectory directory, TenantStorageConfig config) {
        this(directory, config.countedServices());
    }

    public TenantStorage(TenantDirectory directory, List<String> countedServices) {
        this.directory = directory;
        this.countedServices = List.copyOf(countedServices);
    }

    public static String usageKey(String service, String tenantId) {
        return TenantKeys.key(service, tenantId, USAGE_KEY);
    }

    /** The tenant's counters of every counted service, {@code service}'s own first (the one its scripts change). */
    public List<String> usageKeys(String service, String tenantId) {
        List<String> keys = new ArrayList<>();
        keys.add(usageKey(service, tenantId));
        for (String counted : countedServices) {
            if (!counted.equals(service)) {
                keys.add(usageKey(counted, tenantId));
            }
        }
        return keys;
    }

    /** The quota as a script argument: bytes, or {@link #NO_QUOTA}. The platform's own data has no quota. */
    public Uni<String> quotaArgument(String tenantId) {
        if (TenantKeys.PLATFORM.equals(tenantId)) {
            return Uni.createFrom().item(NO_QUOTA);
        }
        return directory.profileOf(tenantId).map(profile -> profile.storageQuota().isPresent()
                ? Long.toString(profile.storageQuota().getAsLong())
                : NO_QUOTA);
    }
}

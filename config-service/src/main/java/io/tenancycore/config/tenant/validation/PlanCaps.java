package io.tenancycore.config.tenant.validation;

/** The most a plan allows; a tenant's quotas must stay within its plan's caps. */
public record PlanCaps(long maxApiQuotaPerHour, long maxStorageQuotaGb) {

    /** No plan may allow more than this for any quota: a guard against typos such as an extra zero digit block. */
    public static final long LARGEST_QUOTA = 1_000_000_000L;

    public PlanCaps {
        if (maxApiQuotaPerHour < 1 || maxStorageQuotaGb < 1 || maxApiQuotaPerHour > LARGEST_QUOTA
                || maxStorageQuotaGb > LARGEST_QUOTA) {
            throw new IllegalArgumentException("plan caps must be between 1 and " + LARGEST_QUOTA);
        }
    }
}

package io.tenancycore.commons.tenant;

import java.util.regex.Pattern;

/** DESIGN.md's tenant id rule, checked once where the tenant context is built, before an id reaches a Redis key. */
public final class TenantIds {

    public static final String PATTERN = "^[a-z][a-z0-9_-]{2,62}$";
    private static final Pattern COMPILED = Pattern.compile(PATTERN);
    /** Longer input is refused without running the pattern. */
    private static final int MAX_LENGTH = 63;

    private TenantIds() {
    }

    public static boolean isValid(String tenantId) {
        return tenantId != null && tenantId.length() <= MAX_LENGTH && COMPILED.matcher(tenantId).matches();
    }
}

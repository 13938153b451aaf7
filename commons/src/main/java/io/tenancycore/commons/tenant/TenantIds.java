package io.tenancycore.commons.tenant;

/** DESIGN.md's tenant id rule, checked once where the tenant context is built, before an id reaches a Redis key. */
public final class TenantIds {

    public static final String PATTERN = "^[a-z][a-z0-9_-]{2,62}$";
    /** Longer input is refused without running the pattern. */
    private static final int MAX_LENGTH = 63;
    private static final int MIN_LENGTH = 3;

    private TenantIds() {
    }

    /** {@link #PATTERN}, checked character by character: it runs on every request (the regex was ~1 % of a read). */
    public static boolean isValid(String tenantId) {
        if (tenantId == null || tenantId.length() < MIN_LENGTH || tenantId.length() > MAX_LENGTH) {
            return false;
        }
        if (!isLowercaseLetter(tenantId.charAt(0))) {
            return false;
        }
        for (int i = 1; i < tenantId.length(); i++) {
            char c = tenantId.charAt(i);
            if (!isLowercaseLetter(c) && !(c >= '0' && c <= '9') && c != '_' && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean isLowercaseLetter(char c) {
        return c >= 'a' && c <= 'z';
    }
}

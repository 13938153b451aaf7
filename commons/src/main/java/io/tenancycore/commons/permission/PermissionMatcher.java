package io.tenancycore.commons.permission;

import java.util.Collection;
import java.util.Optional;

/**
 * Decides whether granted permissions cover a required one. Permissions are {@code :}-separated segments.
 * A {@code *} segment matches exactly one segment, except as the last segment of a grant, where it matches one or
 * more: {@code *} grants everything, {@code config:*} grants {@code config:read} and {@code config:secrets:read},
 * {@code config:secrets:*} grants {@code config:secrets:read} but not {@code config:read}, {@code *:read} grants
 * {@code audit:read}.
 */
public final class PermissionMatcher {

    public static final String WILDCARD = "*";
    private static final char SEPARATOR = ':';
    private static final char WILDCARD_CHAR = '*';

    private PermissionMatcher() {
    }

    public static boolean grants(String granted, String required) {
        if (granted == null || required == null || granted.isBlank() || required.isBlank()) {
            return false;
        }
        // compared segment by segment in place: this runs for every grant on every request, and splitting both
        // strings into arrays showed in the read path's profile
        String grant = granted.trim();
        String need = required.trim();
        int grantStart = 0;
        int needStart = 0;
        while (true) {
            int grantEnd = grant.indexOf(SEPARATOR, grantStart);
            boolean lastGrant = grantEnd < 0;
            grantEnd = lastGrant ? grant.length() : grantEnd;
            int needEnd = need.indexOf(SEPARATOR, needStart);
            boolean lastNeed = needEnd < 0;
            needEnd = lastNeed ? need.length() : needEnd;
            int length = grantEnd - grantStart;
            boolean wildcard = length == 1 && grant.charAt(grantStart) == WILDCARD_CHAR;
            if (wildcard && lastGrant) {
                return true;
            }
            boolean sameSegment = length == needEnd - needStart
                    && grant.regionMatches(grantStart, need, needStart, length);
            if (!wildcard && !sameSegment) {
                return false;
            }
            if (lastGrant || lastNeed) {
                return lastGrant && lastNeed;
            }
            grantStart = grantEnd + 1;
            needStart = needEnd + 1;
        }
    }

    public static boolean anyGrants(Collection<String> granted, String required) {
        for (String grant : granted) {
            if (grants(grant, required)) {
                return true;
            }
        }
        return false;
    }

    /** The first required permission that {@code granted} does not cover. */
    public static Optional<String> firstMissing(Collection<String> granted, Collection<String> required) {
        for (String permission : required) {
            if (!anyGrants(granted, permission)) {
                return Optional.of(permission);
            }
        }
        return Optional.empty();
    }
}

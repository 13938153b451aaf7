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
    private static final String SEPARATOR = ":";

    private PermissionMatcher() {
    }

    public static boolean grants(String granted, String required) {
        if (granted == null || required == null || granted.isBlank() || required.isBlank()) {
            return false;
        }
        String[] grant = granted.trim().split(SEPARATOR, -1);
        String[] need = required.trim().split(SEPARATOR, -1);
        for (int i = 0; i < grant.length; i++) {
            boolean last = i == grant.length - 1;
            if (i >= need.length) {
                return false;
            }
            if (WILDCARD.equals(grant[i])) {
                if (last) {
                    return true;
                }
                continue;
            }
            if (!grant[i].equals(need[i])) {
                return false;
            }
        }
        return grant.length == need.length;
    }

    public static boolean anyGrants(Collection<String> granted, String required) {
        return granted.stream().anyMatch(grant -> grants(grant, required));
    }

    /** The first required permission that {@code granted} does not cover. */
    public static Optional<String> firstMissing(Collection<String> granted, Collection<String> required) {
        return required.stream().filter(permission -> !anyGrants(granted, permission)).findFirst();
    }
}

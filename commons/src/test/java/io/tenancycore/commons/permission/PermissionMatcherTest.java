package io.tenancycore.commons.permission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PermissionMatcherTest {

    @ParameterizedTest
    @CsvSource({
            "*, config:read",
            "*, config:secrets:read",
            "config:read, config:read",
            "config:*, config:read",
            "config:*, config:secrets:read",
            "config:secrets:*, config:secrets:read",
            "*:read, audit:read",
            "*:read, config:read",
            "keys:*, keys:rotate",
    })
    void grants(String granted, String required) {
        assertTrue(PermissionMatcher.grants(granted, required), granted + " should grant " + required);
    }

    @ParameterizedTest
    @CsvSource({
            "config:read, config:write",
            "config:read, config:read:extra",
            "config:read:extra, config:read",
            "config:secrets:*, config:read",
            "config:*, config",
            "*:read, config:secrets:read",
            "*:read, audit:write",
            "audit:*, config:read",
            "config, config:read",
            "conf*, config:read",
    })
    void doesNotGrant(String granted, String required) {
        assertFalse(PermissionMatcher.grants(granted, required), granted + " must not grant " + required);
    }

    @Test
    void blankOrMissingNeverGrants() {
        assertFalse(PermissionMatcher.grants("", "config:read"));
        assertFalse(PermissionMatcher.grants(null, "config:read"));
        assertFalse(PermissionMatcher.grants("*", ""));
        assertFalse(PermissionMatcher.anyGrants(Set.of(), "config:read"));
    }

    @Test
    void firstMissingNamesTheUncoveredPermission() {
        assertEquals(Optional.of("config:write"),
                PermissionMatcher.firstMissing(Set.of("config:read", "audit:*"), List.of("audit:read", "config:write")));
        assertEquals(Optional.empty(),
                PermissionMatcher.firstMissing(Set.of("config:*"), List.of("config:read", "config:write")));
    }
}

package io.tenancycore.commons.permission;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Role → permissions for {@link ConfiguredPermissionProvider}. Defaults (commons'
 * {@code META-INF/microprofile-config.properties}): platform-admin, service and tenant-admin get {@code *},
 * tenant-user reads and uses, auditor reads.
 */
@ConfigMapping(prefix = "tenancy.permissions")
public interface PermissionsConfig {

    /** {@code tenancy.permissions.roles.<role>=perm1,perm2}. */
    Map<String, List<String>> roles();

    /** How long a blocking (non-Uni) resource method may wait for the permission lookup. */
    @WithDefault("5s")
    Duration blockingLookupTimeout();

    /**
     * Permissions beyond {@link PermissionCatalog}'s built-in ones, {@code tenancy.permissions.catalog-extra."<name>"=
     * <description>}: what a service adds before security-service lets roles grant it.
     */
    Map<String, String> catalogExtra();
}

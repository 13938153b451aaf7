package io.tenancycore.commons.rbac;

import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.permission.ConfiguredPermissionProvider;
import io.tenancycore.commons.permission.PermissionProvider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Set;

/**
 * The {@link PermissionProvider} of every service: replaces commons' default bean and hands each lookup to the
 * provider that {@code tenancy.rbac.provider} names, {@code configured} (default) or {@code remote}. The remote
 * provider is only created when selected, so a configured service needs neither security-service nor its token.
 * A service with its own provider (security-service) declares it {@code @Alternative @Priority}.
 */
@ApplicationScoped
public class RbacPermissionProviderSelector implements PermissionProvider {

    private final PermissionProvider selected;

    @Inject
    public RbacPermissionProviderSelector(RemoteRbacConfig config, ConfiguredPermissionProvider configured,
            Instance<RemotePermissionProvider> remote) {
        this.selected = config.provider() == RemoteRbacConfig.Provider.REMOTE ? remote.get() : configured;
    }

    @Override
    public Uni<Set<String>> permissionsFor(String tenantId, Set<String> roles) {
        return selected.permissionsFor(tenantId, roles);
    }

    @Override
    public Uni<Set<String>> permissionsFor(String tenantId, String subject, Set<String> tokenRoles) {
        return selected.permissionsFor(tenantId, subject, tokenRoles);
    }

    @Override
    public Set<String> knownPermissionsFor(String tenantId, String subject, Set<String> tokenRoles) {
        return selected.knownPermissionsFor(tenantId, subject, tokenRoles);
    }

    /** The provider in use (diagnostics, tests). */
    public PermissionProvider selected() {
        return selected;
    }
}

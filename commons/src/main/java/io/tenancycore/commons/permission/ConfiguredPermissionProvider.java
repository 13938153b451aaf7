package io.tenancycore.commons.permission;

import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Grants every tenant the same role → permission mapping, taken from {@link PermissionsConfig}. */
@DefaultBean
@ApplicationScoped
public class ConfiguredPermissionProvider implements PermissionProvider {

    private final PermissionsConfig config;

    public ConfiguredPermissionProvider(PermissionsConfig config) {
        this.config = config;
    }

    @Override
    public Uni<Set<String>> permissionsFor(String tenantId, Set<String> roles) {
        Set<String> permissions = new HashSet<>();
        for (String role : roles) {
            config.roles().getOrDefault(role, List.of()).stream()
                    .map(String::trim)
                    .filter(permission -> !permission.isEmpty())
                    .forEach(permissions::add);
        }
        return Uni.createFrom().item(Set.copyOf(permissions));
    }
}

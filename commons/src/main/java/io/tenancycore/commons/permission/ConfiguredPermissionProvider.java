package io.tenancycore.commons.permission;

import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;

/** Grants every tenant the same role → permission mapping, taken from {@link PermissionsConfig}. */
@DefaultBean
@ApplicationScoped
public class ConfiguredPermissionProvider implements PermissionProvider {

    private static final int MAX_REMEMBERED = 1_000;
    private final PermissionsConfig config;

    public ConfiguredPermissionProvider(PermissionsConfig config) {
        this.config = config;
    }

    /** Role set → permissions: the mapping is configuration, fixed for the life of the process. */
    private final Map<Set<String>, Set<String>> byRoles = new ConcurrentHashMap<>();

    @Override
    public Uni<Set<String>> permissionsFor(String tenantId, Set<String> roles) {
        return Uni.createFrom().item(granted(roles));
    }

    @Override
    public Set<String> knownPermissionsFor(String tenantId, String subject, Set<String> tokenRoles) {
        return granted(tokenRoles);
    }

    private Set<String> granted(Set<String> roles) {
        if (byRoles.size() > MAX_REMEMBERED) {
            byRoles.clear();
        }
        Set<String> known = byRoles.get(roles);
        return known != null ? known : byRoles.computeIfAbsent(Set.copyOf(roles), this::grantedTo);
    }

    private Set<String> grantedTo(Set<String> roles) {
        Set<String> permissions = new HashSet<>();
        for (String role : roles) {
            config.roles().getOrDefault(role, List.of()).stream()
                    .map(String::trim)
                    .filter(permission -> !permission.isEmpty())
                    .forEach(permissions::add);
        }
        return Set.copyOf(permissions);
    }
}

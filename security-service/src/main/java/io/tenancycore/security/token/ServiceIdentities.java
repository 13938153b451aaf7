package io.tenancycore.security.token;

import io.tenancycore.security.rbac.RoleRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The least privilege of each service identity, from {@link ServiceClientsConfig}, checked once: a permission must
 * be a {@code resource:action} string and not the bare {@code *}; an audience must be a service, never the platform
 * audience (a service token that every service accepted would be a skeleton key). A bad entry stops the start.
 */
@ApplicationScoped
public class ServiceIdentities {

    /** What a service client's token carries. */
    public record Grant(List<String> scope, List<String> audience) {
    }

    private static final String ALL = "*";

    private final Map<String, Grant> grants;

    @Inject
    public ServiceIdentities(ServiceClientsConfig config, TokenConfig tokens) {
        Map<String, Grant> checked = new TreeMap<>();
        config.clients().forEach((clientId, client) -> {
            List<String> scope = client.permissions().orElse(List.of()).stream().map(String::trim)
                    .filter(p -> !p.isEmpty()).distinct().toList();
            List<String> problems = new ArrayList<>();
            scope.stream().filter(p -> ALL.equals(p) || !p.matches(RoleRequest.PERMISSION))
                    .forEach(p -> problems.add("permission '" + p + "'"));
            List<String> audience = client.audiences().stream().map(String::trim).filter(a -> !a.isEmpty())
                    .distinct().toList();
            if (audience.isEmpty()) {
                problems.add("no audience");
            }
            if (audience.contains(tokens.audience())) {
                problems.add("audience '" + tokens.audience() + "' (the platform audience)");
            }
            if (!problems.isEmpty()) {
                throw new IllegalStateException("tenancy.service-clients.\"" + clientId + "\" is not allowed: "
                        + String.join(", ", problems));
            }
            checked.put(clientId, new Grant(scope, audience));
        });
        this.grants = Map.copyOf(checked);
    }

    /** The grant of a service client; without configuration: no permission, and the default audience. */
    public Grant of(String clientId) {
        Grant grant = grants.get(clientId);
        return grant != null ? grant
                : new Grant(List.of(), List.of(ServiceClientsConfig.DEFAULT_AUDIENCES.split(",")));
    }

    public boolean isConfigured(String clientId) {
        return grants.containsKey(clientId);
    }
}

package io.tenancycore.security.rbac;

import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.permission.PermissionMatcher;
import io.tenancycore.security.events.SecurityEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Role grants and subject bindings per tenant, and the authorization decision. */
@ApplicationScoped
public class RbacService {

    public static final String WILDCARD = "*";

    @Inject
    RbacStore store;
    @Inject
    RbacConfig config;
    @Inject
    SecurityEvents events;

    /** The decision and what made it: the first role whose grant covers the permission. */
    public record Decision(boolean allowed, String role, String grant) {
    }

    public Uni<Decision> check(String tenantId, String subject, Set<String> roles, String permission) {
        for (String role : roles) {
            if (config.platformRoles().contains(role)) {
                return Uni.createFrom().item(new Decision(true, role, WILDCARD));
            }
        }
        if (tenantId == null) {
            return Uni.createFrom().item(new Decision(false, null, null));
        }
        Uni<List<String>> bound = subject == null ? Uni.createFrom().item(List.of()) : store.binding(tenantId, subject);
        return bound.chain(boundRoles -> {
            Set<String> all = new LinkedHashSet<>(roles);
            all.addAll(boundRoles);
            return store.roles(tenantId).map(defined -> {
                for (Role role : defined) {
                    if (!all.contains(role.name())) {
                        continue;
                    }
                    for (String grant : role.permissions()) {
                        if (PermissionMatcher.grants(grant, permission)) {
                            return new Decision(true, role.name(), grant);
                        }
                    }
                }
                return new Decision(false, null, null);
            });
        });
    }

    /** Every permission the roles carry in the tenant (what the commons permission provider needs). */
    public Uni<Set<String>> permissionsFor(String tenantId, Set<String> roles) {
        if (roles.stream().anyMatch(config.platformRoles()::contains)) {
            return Uni.createFrom().item(Set.of(WILDCARD));
        }
        if (tenantId == null || roles.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return store.roles(tenantId).map(defined -> {
            Set<String> permissions = new LinkedHashSet<>();
            defined.stream().filter(role -> roles.contains(role.name()))
                    .forEach(role -> permissions.addAll(role.permissions()));
            return Set.copyOf(permissions);
        });
    }

    public Uni<List<String>> boundRoles(String tenantId, String subject) {
        return store.binding(tenantId, subject);
    }

    /** Creates the default roles a tenant lacks; an existing role of that name is left as the tenant changed it. */
    public Uni<List<String>> ensureDefaults(String tenantId) {
        List<String> added = new ArrayList<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Role role : DefaultRoles.ALL) {
            chain = chain.chain(() -> store.addRoleIfAbsent(tenantId, role)
                    .invoke(fresh -> {
                        if (fresh) {
                            added.add(role.name());
                        }
                    }).replaceWithVoid());
        }
        return chain.chain(() -> added.isEmpty() ? Uni.createFrom().voidItem() : changed(tenantId)).replaceWith(added);
    }

    public Uni<Void> changed(String tenantId) {
        return events.announce(SecurityEvents.ROLES_CHANGED, tenantId, Map.of("tenant_id", tenantId));
    }
}

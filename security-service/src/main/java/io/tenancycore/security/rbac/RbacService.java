package io.tenancycore.security.rbac;

import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.error.Violation;
import io.tenancycore.commons.permission.PermissionCatalog;
import io.tenancycore.commons.permission.PermissionMatcher;
import io.tenancycore.commons.rbac.RoleGrants;
import io.tenancycore.commons.tenant.TenantContext;
import io.tenancycore.security.events.SecurityEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Role grants and subject bindings per tenant, and the authorization decision. Platform roles live outside every
 * tenant: a tenant can never store one ({@link ReservedRoleRefused}), and a reserved name found in stored tenant data
 * anyway is ignored by every read here. Platform powers come only from a platform client's own token:
 * {@code platform-admin} holds {@code *}, a service identity exactly its token's {@code scope}.
 */
@ApplicationScoped
public class RbacService {

    public static final String WILDCARD = "*";

    @Inject
    RbacStore store;
    @Inject
    ReservedRoles reserved;
    @Inject
    SecurityEvents events;
    @Inject
    RbacViews views;
    @Inject
    PermissionCatalog catalog;

    /** The decision and what made it: the first role whose grant covers the permission. */
    public record Decision(boolean allowed, String role, String grant) {

        static final Decision DENIED = new Decision(false, null, null);
    }

    /**
     * Whether {@code subject} holds {@code permission} in the tenant. Counted: the subject's bound roles,
     * {@code assertedRoles} (which only a trusted caller may supply) and, when the subject is the caller itself,
     * the caller's token (its tenant roles, or its platform powers). Reserved roles never count for a tenant.
     *
     * @param self the caller, when it asks about itself; empty otherwise
     */
    public Uni<Decision> check(String tenantId, String subject, Set<String> assertedRoles, Optional<Caller> self,
            String permission) {
        if (self.isPresent() && self.get().isPlatformClient()) {
            Optional<Decision> platform = platformDecision(self.get(), permission);
            if (platform.isPresent()) {
                return Uni.createFrom().item(platform.get());
            }
        }
        if (tenantId == null) {
            return Uni.createFrom().item(Decision.DENIED);
        }
        return views.of(tenantId).map(view -> {
            Set<String> candidates = new LinkedHashSet<>(view.rolesOf(subject));
            candidates.addAll(reserved.withoutReserved(assertedRoles, tenantId, "an authorization check"));
            for (RoleGrants role : view.roles()) {
                if (!candidates.contains(role.name())) {
                    continue;
                }
                for (String grant : role.permissions()) {
                    if (PermissionMatcher.grants(grant, permission)) {
                        return new Decision(true, role.name(), grant);
                    }
                }
            }
            return Decision.DENIED;
        });
    }

    /**
     * Every permission the caller holds in the tenant (what the commons permission interceptor checks): a tenant
     * caller's roles are its subject's roles in the tenant's view now (client roles and bindings), never its token's
     * {@code groups}, so {@link #check} and enforcement agree and binding changes count for live tokens.
     */
    public Uni<Set<String>> permissionsFor(String tenantId, Caller caller) {
        if (caller.isPlatformAdmin()) {
            return Uni.createFrom().item(Set.of(WILDCARD));
        }
        if (isServiceIdentity(caller)) {
            // a service identity: what its token's scope lists, in whichever tenant; nothing without a scope
            return Uni.createFrom().item(Set.copyOf(caller.scope()));
        }
        if (tenantId == null || caller.subject() == null || caller.isPlatformClient()
                || !tenantId.equals(caller.tokenTenantId())) {
            return Uni.createFrom().item(Set.of());
        }
        return views.of(tenantId).map(view -> view.permissionsOfSubject(caller.subject()));
    }

    /** The tenant's roles; a reserved name stored anyway is left out. */
    public Uni<List<Role>> roles(String tenantId) {
        return store.roles(tenantId).map(all -> all.stream()
                .filter(role -> !isPlantedPlatformRole(tenantId, role.name())).toList());
    }

    /** One role of the tenant; null when absent or reserved. */
    public Uni<Role> role(String tenantId, String name) {
        if (reserved.isReserved(name)) {
            return Uni.createFrom().nullItem();
        }
        return store.role(tenantId, name);
    }

    /**
     * Creates or replaces a role; a reserved name is refused (and audited as denied by the caller's resource), and so
     * is a grant of an unknown permission (422, each listed).
     */
    public Uni<Role> putRole(String tenantId, String name, List<String> permissions, String description) {
        if (reserved.isReserved(name)) {
            return Uni.createFrom().failure(ReservedRoleRefused.name("role", name));
        }
        List<Violation> unknown = UnknownNames.permissions("permissions", permissions, catalog::isKnownGrant);
        if (!unknown.isEmpty()) {
            return Uni.createFrom().failure(UnknownNames.unknownPermissions(unknown));
        }
        Role role = new Role(name, permissions, description, false);
        return store.putRole(tenantId, role).chain(() -> changed(tenantId)).replaceWith(role);
    }

    /** Deletes a role; reserved names too, so planted data can be cleaned up through the API. */
    public Uni<Boolean> deleteRole(String tenantId, String name) {
        return store.deleteRole(tenantId, name)
                .call(removed -> removed ? changed(tenantId) : Uni.createFrom().voidItem());
    }

    /** Subject → roles of the tenant, reserved names left out. */
    public Uni<Map<String, List<String>>> bindings(String tenantId) {
        return store.bindings(tenantId).map(all -> {
            Map<String, List<String>> kept = new TreeMap<>();
            all.forEach((subject, roles) -> kept.put(subject,
                    List.copyOf(reserved.withoutReserved(roles, tenantId, "the bindings"))));
            return kept;
        });
    }

    /**
     * Binds roles to a subject: each must be a role of the tenant (422 otherwise) and none reserved (refused).
     */
    public Uni<List<String>> putBinding(String tenantId, String subject, List<String> roles) {
        if (!reserved.reservedAmong(roles).isEmpty()) {
            return Uni.createFrom().failure(ReservedRoleRefused.among("roles", roles, reserved));
        }
        return requireDefined(tenantId, "roles", roles)
                .chain(() -> store.putBinding(tenantId, subject, roles)).chain(() -> changed(tenantId))
                .replaceWith(roles);
    }

    /** Fails with 422 listing every name that is not a role of the tenant (clients and bindings name roles). */
    public Uni<Void> requireDefined(String tenantId, String field, List<String> roles) {
        return roles(tenantId).chain(defined -> {
            Set<String> names = new java.util.HashSet<>();
            defined.forEach(role -> names.add(role.name()));
            List<Violation> unknown = UnknownNames.roles(field, roles, names::contains);
            return unknown.isEmpty() ? Uni.createFrom().voidItem()
                    : Uni.createFrom().failure(UnknownNames.unknownRoles(unknown));
        });
    }

    public Uni<Boolean> deleteBinding(String tenantId, String subject) {
        return store.deleteBinding(tenantId, subject)
                .call(removed -> removed ? changed(tenantId) : Uni.createFrom().voidItem());
    }

    /** The subject's roles in its tenant now (its client's own roles and its bindings), reserved names left out. */
    public Uni<List<String>> currentRoles(String tenantId, String subject) {
        if (subject == null) {
            return Uni.createFrom().item(List.of());
        }
        return views.of(tenantId).map(view -> view.rolesOf(subject));
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

    /** Drops this replica's view of the tenant at once, then tells the other replicas and services. */
    public Uni<Void> changed(String tenantId) {
        views.invalidate(tenantId);
        return events.announce(SecurityEvents.ROLES_CHANGED, tenantId, Map.of("tenant_id", tenantId));
    }

    /** platform-admin: {@code *}; a service identity: the first scope entry that covers the permission. */
    private Optional<Decision> platformDecision(Caller caller, String permission) {
        if (caller.isPlatformAdmin()) {
            return Optional.of(new Decision(true, TenantContext.PLATFORM_ADMIN_ROLE, WILDCARD));
        }
        if (!isServiceIdentity(caller)) {
            return Optional.empty();
        }
        return caller.scope().stream().filter(grant -> PermissionMatcher.grants(grant, permission)).findFirst()
                .map(grant -> new Decision(true, TenantContext.SERVICE_ROLE, grant));
    }

    /** A platform client with a platform role other than platform-admin: it holds its token's scope. */
    private boolean isServiceIdentity(Caller caller) {
        return caller.isPlatformClient() && caller.roles().stream().anyMatch(reserved::isReserved);
    }

    private boolean isPlantedPlatformRole(String tenantId, String name) {
        return reserved.withoutReserved(List.of(name), tenantId, "the roles").isEmpty();
    }
}

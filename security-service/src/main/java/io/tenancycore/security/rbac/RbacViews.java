package io.tenancycore.security.rbac;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.cloudevents.CloudEvent;
import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.events.CloudEvents;
import io.tenancycore.commons.rbac.RbacView;
import io.tenancycore.commons.rbac.RemotePermissionProvider;
import io.tenancycore.commons.rbac.RoleGrants;
import io.tenancycore.commons.rbac.SecurityChangeObserver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Each tenant's {@link RbacView} as this replica decides with it: enforcement of security-service's own endpoints,
 * {@code /v1/authz/check}, token issue and the view other services read ({@code GET .../rbac}) all come from here, so
 * they give the same answer for the same caller. Built from Redis on first use (roles, bindings, clients), kept in
 * memory (bounded, with an expiry as a safety net) and dropped when the tenant's roles, bindings or clients change:
 * at once on the replica that wrote, and on the others through {@code tenancy.security-changes}.
 */
@ApplicationScoped
public class RbacViews implements SecurityChangeObserver {

    @Inject
    RbacStore store;
    @Inject
    ReservedRoles reserved;
    @Inject
    TenantSubjects subjects;
    @Inject
    RbacConfig config;

    private AsyncCache<String, RbacView> views;

    @jakarta.annotation.PostConstruct
    void init() {
        views = Caffeine.newBuilder().maximumSize(config.viewCache().maxTenants())
                .expireAfterWrite(config.viewCache().ttl()).buildAsync();
    }

    public Uni<RbacView> of(String tenantId) {
        // a failed read is not kept: the next call reads again
        return Uni.createFrom().completionStage(() -> views.get(tenantId,
                (tenant, executor) -> read(tenant).subscribeAsCompletionStage()));
    }

    /** Drops the tenant's view on this replica (the writer calls it before announcing the change). */
    public void invalidate(String tenantId) {
        views.synchronous().invalidate(tenantId);
    }

    @Override
    public Uni<Void> onSecurityChange(CloudEvent event) {
        if (RemotePermissionProvider.INVALIDATING.contains(event.getType())) {
            Object tenant = event.getExtension(CloudEvents.TENANT_EXTENSION);
            if (tenant == null) {
                views.synchronous().invalidateAll();
            } else {
                invalidate(tenant.toString());
            }
        }
        return Uni.createFrom().voidItem();
    }

    private Uni<RbacView> read(String tenantId) {
        Uni<List<Role>> roles = store.roles(tenantId);
        Uni<Map<String, List<String>>> bindings = store.bindings(tenantId);
        Uni<Map<String, List<String>>> clients = subjects.clientRoles(tenantId);
        return Uni.combine().all().unis(roles, bindings, clients).with((defined, bound, own) -> {
            List<RoleGrants> grants = defined.stream().filter(role -> !reserved.isReserved(role.name()))
                    .map(role -> new RoleGrants(role.name(), role.permissions())).toList();
            Map<String, Set<String>> rolesBySubject = new TreeMap<>();
            own.forEach((subject, names) -> rolesBySubject.computeIfAbsent(subject, s -> new LinkedHashSet<>())
                    .addAll(reserved.withoutReserved(names, tenantId, "the client " + subject)));
            bound.forEach((subject, names) -> rolesBySubject.computeIfAbsent(subject, s -> new LinkedHashSet<>())
                    .addAll(reserved.withoutReserved(names, tenantId, "the bindings")));
            Map<String, List<String>> result = new TreeMap<>();
            rolesBySubject.forEach((subject, names) -> result.put(subject, List.copyOf(names)));
            return new RbacView(grants, result);
        });
    }
}

package io.tenancycore.security.token;

import io.smallrye.mutiny.Uni;
import io.tenancycore.security.rbac.TenantSubjects;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The tenant's clients as subjects of its RBAC view: each client id with the roles it was created with. */
@ApplicationScoped
public class ClientSubjects implements TenantSubjects {

    @Inject
    ClientStore store;

    @Override
    public Uni<Map<String, List<String>>> clientRoles(String tenantId) {
        return store.list(tenantId).map(clients -> {
            Map<String, List<String>> roles = new TreeMap<>();
            clients.forEach(client -> roles.put(client.clientId(), client.roles()));
            return roles;
        });
    }
}

package io.tenancycore.commons.rbac;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * Reads a tenant's roles from security-service with this service's token. A 401 means the token is no longer
 * accepted (signing keys rotated, client re-created): it is dropped and the call made once more with a new one.
 */
public class SecurityServiceGrants implements GrantsSource {

    private final SecurityServiceApi api;
    private final ServiceTokenCache tokens;

    public SecurityServiceGrants(SecurityServiceApi api, ServiceTokenCache tokens) {
        this.api = api;
        this.tokens = tokens;
    }

    @Override
    public Uni<List<RoleGrants>> grants(String tenantId) {
        return call(tenantId).onFailure(SecurityServiceGrants::unauthorized).recoverWithUni(failure -> {
            tokens.reset();
            return call(tenantId);
        });
    }

    public ServiceTokenCache tokens() {
        return tokens;
    }

    private Uni<List<RoleGrants>> call(String tenantId) {
        return tokens.authorization().chain(authorization -> api.roles(tenantId, authorization));
    }

    private static boolean unauthorized(Throwable failure) {
        return failure instanceof WebApplicationException web && web.getResponse() != null
                && web.getResponse().getStatus() == Response.Status.UNAUTHORIZED.getStatusCode();
    }
}

package io.tenancycore.commons.rbac;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.function.Supplier;

/**
 * Reads a tenant's roles from security-service with this service's token. A 401 means the token is no longer
 * accepted (signing keys rotated, client re-created): it is dropped and the call made once more with a new one.
 */
public class SecurityServiceGrants implements GrantsSource {

    private final SecurityServiceApi api;
    private final Supplier<Uni<String>> authorization;
    private final Runnable forgetToken;

    /**
     * @param authorization the service's {@code Bearer} header value, e.g. {@code ServiceTokens::authorization}
     * @param forgetToken drops a token security-service refused, e.g. {@code ServiceTokens::reset}
     */
    public SecurityServiceGrants(SecurityServiceApi api, Supplier<Uni<String>> authorization, Runnable forgetToken) {
        this.api = api;
        this.authorization = authorization;
        this.forgetToken = forgetToken;
    }

    @Override
    public Uni<List<RoleGrants>> grants(String tenantId) {
        return call(tenantId).onFailure(SecurityServiceGrants::unauthorized).recoverWithUni(failure -> {
            forgetToken.run();
            return call(tenantId);
        });
    }

    private Uni<List<RoleGrants>> call(String tenantId) {
        return authorization.get().chain(header -> api.roles(tenantId, header));
    }

    private static boolean unauthorized(Throwable failure) {
        return failure instanceof WebApplicationException web && web.getResponse() != null
                && web.getResponse().getStatus() == Response.Status.UNAUTHORIZED.getStatusCode();
    }
}

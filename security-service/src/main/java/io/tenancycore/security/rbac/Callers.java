package io.tenancycore.security.rbac;

import io.quarkus.arc.Arc;
import io.quarkus.security.identity.SecurityIdentity;
import io.tenancycore.commons.tenant.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The {@link Caller} of the current request, from the verified token and commons' tenant context. */
@ApplicationScoped
public class Callers {

    @Inject
    TenantContext context;
    @Inject
    SecurityIdentity identity;

    /** The request's caller; an anonymous one (no roles) outside a request. */
    public Caller current() {
        if (!Arc.container().requestContext().isActive() || !context.isAuthenticated()) {
            return new Caller(null, null, java.util.Set.of(), java.util.Set.of());
        }
        Object scope = identity.getPrincipal() instanceof JsonWebToken token ? token.getClaim(Caller.SCOPE_CLAIM)
                : null;
        return new Caller(context.subject().orElse(null), context.tokenTenantId().orElse(null), context.roles(),
                Caller.parseScope(scope));
    }
}

package io.tenancycore.security.rbac;

import io.quarkus.arc.Arc;
import io.tenancycore.commons.tenant.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The {@link Caller} of the current request, from the verified token and commons' tenant context. */
@ApplicationScoped
public class Callers {

    @Inject
    TenantContext context;

    /** The request's caller; an anonymous one (no roles) outside a request. */
    public Caller current() {
        if (!Arc.container().requestContext().isActive() || !context.isAuthenticated()) {
            return new Caller(null, null, java.util.Set.of(), java.util.Set.of());
        }
        // the scope as commons' tenant filter read it from the token (read once per token: see TokenClaims)
        return new Caller(context.subject().orElse(null), context.tokenTenantId().orElse(null), context.roles(),
                context.scopes());
    }
}

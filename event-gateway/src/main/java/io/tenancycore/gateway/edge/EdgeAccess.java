package io.tenancycore.gateway.edge;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.tenancycore.commons.error.ProblemException;
import io.tenancycore.commons.error.ProblemTypes;
import io.tenancycore.commons.error.Problems;
import io.tenancycore.commons.error.Violation;
import io.tenancycore.commons.tenant.CrossTenantAccessDenied;
import io.tenancycore.commons.tenant.TenantFilterConfig;
import io.tenancycore.commons.tenant.TenantIds;
import io.tenancycore.commons.tenantstatus.TenantDirectory;
import io.tenancycore.commons.tenantstatus.TenantProfile;
import io.tenancycore.commons.tenantstatus.TenantStatus;
import io.tenancycore.commons.token.TokenClaims;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * The edge's first line of DESIGN's identity rules, for requests it proxies (the services check again): a verified
 * token is required (401); a tenant token touches only its own tenant (403, audited), platform clients with a
 * cross-tenant role any; a suspended or deleted tenant's clients are refused (403), an unknown tenant is 404.
 */
@ApplicationScoped
public class EdgeAccess {

    private static final Logger LOG = Logger.getLogger(EdgeAccess.class);
    private static final int UNAUTHORIZED = 401;

    private final TenantFilterConfig filterConfig;
    private final TenantDirectory directory;
    private final Event<CrossTenantAccessDenied> crossTenantDenials;

    public EdgeAccess(TenantFilterConfig filterConfig, TenantDirectory directory,
            Event<CrossTenantAccessDenied> crossTenantDenials) {
        this.filterConfig = filterConfig;
        this.directory = directory;
        this.crossTenantDenials = crossTenantDenials;
    }

    /**
     * @param identity the verified caller, {@code null} or anonymous without a token
     * @param path the request's tenant, if any, comes from here
     */
    public Uni<Caller> check(SecurityIdentity identity, EdgePath path, String sourceIp, String traceId) {
        if (identity == null || identity.isAnonymous()) {
            return Uni.createFrom().failure(unauthenticated());
        }
        String tokenTenant = identity.getPrincipal() instanceof JsonWebToken token ? TokenClaims.tenantId(token)
                : null;
        Caller caller = new Caller(identity.getPrincipal().getName(), tokenTenant);
        String pathTenant = path.tenant().orElse(null);
        if (pathTenant != null && !TenantIds.isValid(pathTenant)) {
            return Uni.createFrom().failure(new ProblemException(ProblemTypes.INVALID_TENANT_ID, 400,
                    "Bad Request", "A tenant id is 3 to 63 characters: a lowercase letter, then lowercase letters, "
                            + "digits, '_' or '-'.",
                    List.of(new Violation("tenant_id", "must match " + TenantIds.PATTERN, "pattern"))));
        }
        if (pathTenant != null && !mayActOn(identity, tokenTenant, pathTenant)) {
            LOG.warnf("Cross-tenant access refused at the edge: subject %s of tenant %s asked for tenant %s",
                    caller.subject(), tokenTenant, pathTenant);
            crossTenantDenials.fire(new CrossTenantAccessDenied(caller.subject(), tokenTenant, pathTenant,
                    path.upstreamUri(), sourceIp, traceId));
            return Uni.createFrom().failure(ProblemException.forbidden(ProblemTypes.CROSS_TENANT_ACCESS,
                    "This token may not access tenant '" + pathTenant + "'."));
        }
        String tenant = pathTenant != null ? pathTenant : tokenTenant;
        if (tenant == null || tokenTenant == null) {
            // platform clients: the services decide what they may do with a suspended or deleted tenant
            return Uni.createFrom().item(caller);
        }
        TenantProfile known = directory.knownProfile(tenant).orElse(null);
        if (known != null) {
            // decided without waiting, the common case
            return Uni.createFrom().item(() -> {
                refuseUnlessServed(tenant, known.status());
                return caller;
            });
        }
        return directory.statusOf(tenant).map(status -> {
            refuseUnlessServed(tenant, status);
            return caller;
        });
    }

    public static ProblemException unauthenticated() {
        return new ProblemException(ProblemTypes.UNAUTHENTICATED, UNAUTHORIZED, Problems.reasonPhrase(UNAUTHORIZED),
                "A valid bearer token is required.", List.of());
    }

    private boolean mayActOn(SecurityIdentity identity, String tokenTenant, String pathTenant) {
        if (pathTenant.equals(tokenTenant)) {
            return true;
        }
        // cross-tenant roles count only on platform clients: a tenant token carrying one was not issued correctly
        return tokenTenant == null && !Collections.disjoint(identity.getRoles(), filterConfig.crossTenantRoles());
    }

    private static void refuseUnlessServed(String tenant, TenantStatus status) {
        if (status == TenantStatus.UNKNOWN) {
            throw new ProblemException(ProblemTypes.TENANT_NOT_FOUND, 404, "Not Found",
                    "No tenant '" + tenant + "' is registered.", List.of());
        }
        if (!status.servesTenantClients()) {
            String type = status == TenantStatus.DELETED ? ProblemTypes.TENANT_DELETED : ProblemTypes.TENANT_SUSPENDED;
            throw ProblemException.forbidden(type, "Tenant '" + tenant + "' is " + status.name().toLowerCase(
                    Locale.ROOT) + "; its clients are refused until a platform administrator reactivates it.");
        }
    }
}

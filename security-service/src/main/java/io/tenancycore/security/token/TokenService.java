package io.tenancycore.security.token;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.tenancycore.commons.audit.AuditLog;
import io.tenancycore.commons.audit.AuditRecord;
import io.tenancycore.commons.error.ProblemException;
import io.tenancycore.commons.error.ProblemTypes;
import io.tenancycore.security.policy.Cidrs;
import io.tenancycore.security.policy.PolicyService;
import io.tenancycore.security.policy.SecurityPolicy;
import io.tenancycore.security.rbac.RbacService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The client credentials grant: authenticates the client, applies the tenant's policy, signs the token. */
@ApplicationScoped
public class TokenService {

    static final String ACTION = "token.issue";

    @Inject
    ClientStore clients;
    @Inject
    SecretHasher hasher;
    @Inject
    TokenIssuer issuer;
    @Inject
    TokenConfig config;
    @Inject
    PolicyService policies;
    @Inject
    RbacService rbac;
    @Inject
    AuditLog auditLog;
    @Inject
    Clock clock;

    public Uni<TokenIssuer.IssuedToken> exchange(String clientId, String secret, String sourceIp) {
        return clients.findById(clientId)
                // PBKDF2 is slow on purpose: keep it off the event loop
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .chain(client -> {
                    if (client == null || !hasher.matches(secret, client.secretHash())) {
                        return refuse(clientId, null, sourceIp, "unknown client or wrong secret");
                    }
                    return policies.effective(client.tenantId()).chain(policy -> {
                        if (client.tenantId() != null && !policy.allowedClientCidrs().isEmpty()
                                && !Cidrs.anyContains(policy.allowedClientCidrs(), sourceIp)) {
                            return refuse(clientId, client.tenantId(), sourceIp, "source address not allowed");
                        }
                        return rolesOf(client).map(roles -> issuer.issue(client.clientId(), client.tenantId(),
                                roles, ttlFor(client, policy)))
                                .call(() -> clients.markUsed(client, clock.instant()))
                                .call(token -> audit(clientId, client.tenantId(), sourceIp,
                                        AuditRecord.Outcome.SUCCESS, Map.of("jti", token.jti())));
                    });
                });
    }

    /** The client's own roles plus the roles bound to it in its tenant's RBAC. */
    private Uni<List<String>> rolesOf(OAuthClient client) {
        if (client.tenantId() == null) {
            return Uni.createFrom().item(client.roles());
        }
        return rbac.boundRoles(client.tenantId(), client.clientId()).map(bound -> {
            Set<String> roles = new LinkedHashSet<>(client.roles());
            roles.addAll(bound);
            return List.copyOf(roles);
        });
    }

    private Duration ttlFor(OAuthClient client, SecurityPolicy policy) {
        Duration ttl = client.tenantId() == null ? config.platformTtl() : policy.tokenTtl();
        return ttl.compareTo(config.maxTtl()) > 0 ? config.maxTtl() : ttl;
    }

    private <T> Uni<T> refuse(String clientId, String tenantId, String sourceIp, String reason) {
        return audit(clientId, tenantId, sourceIp, AuditRecord.Outcome.DENIED, Map.of("reason", reason))
                .chain(() -> Uni.createFrom().failure(new ProblemException(ProblemTypes.UNAUTHENTICATED, 401,
                        "Unauthorized", "invalid_client: the client could not be authenticated.", List.of())));
    }

    private Uni<Void> audit(String clientId, String tenantId, String sourceIp, AuditRecord.Outcome outcome,
            Map<String, Object> details) {
        String actor = clientId == null || clientId.isBlank() ? AuditRecord.ANONYMOUS_ACTOR : clientId;
        AuditRecord record = new AuditRecord(actor, tenantId, ACTION, "clients/" + actor, outcome, sourceIp, null,
                clock.instant(), details);
        return auditLog.record(record).onFailure().recoverWithNull();
    }
}

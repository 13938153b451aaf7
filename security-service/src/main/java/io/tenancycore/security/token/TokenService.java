package io.tenancycore.security.token;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.tenancycore.commons.audit.AuditLog;
import io.tenancycore.commons.audit.AuditRecord;
import io.tenancycore.commons.digest.Digests;
import io.tenancycore.commons.tenantstatus.TenantDirectory;
import io.tenancycore.commons.tenantstatus.TenantStatus;
import io.tenancycore.commons.tenant.TenantContext;
import io.tenancycore.security.policy.PolicyService;
import io.tenancycore.security.policy.SecurityPolicy;
import io.tenancycore.security.rbac.RbacService;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The client credentials grant: bounds and rate-limits the request, authenticates the client (at the same cost
 * whether it exists or not), applies the tenant's policy within the platform's bounds, signs the token. Tenant
 * clients get the platform audience and their tenant roles (never a platform role); service identities get their
 * configured scope and audiences; platform-admin gets the platform audience.
 */
@ApplicationScoped
public class TokenService {

    static final String ACTION = "token.issue";
    /** Tenant clients are {@code <tenant>.<hex>}; platform clients are named after what they are. */
    static final Pattern CLIENT_ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]*$");
    private static final int FINGERPRINT_HEX = 16;

    @Inject
    ClientStore clients;
    @Inject
    SecretHasher hasher;
    @Inject
    TokenIssuer issuer;
    @Inject
    TokenConfig config;
    @Inject
    TokenRateLimiter limiter;
    @Inject
    ServiceIdentities services;
    @Inject
    PolicyService policies;
    @Inject
    TenantDirectory tenants;
    @Inject
    RbacService rbac;
    @Inject
    AuditLog auditLog;
    @Inject
    Clock clock;

    private String unmatchableHash;

    @PostConstruct
    void init() {
        unmatchableHash = hasher.unmatchableHash();
    }

    public Uni<TokenIssuer.IssuedToken> exchange(String clientId, String secret, String sourceIp) {
        return limiter.request(sourceIp).chain(byAddress -> {
            if (!byAddress.allowed()) {
                return limited(byAddress, AuditRecord.ANONYMOUS_ACTOR, sourceIp, "requests per address");
            }
            if (!wellFormedClientId(clientId)) {
                return refuseMalformed(clientId, sourceIp);
            }
            if (secret.length() > config.request().maxClientSecretLength()) {
                return refuseTooLongSecret(clientId, sourceIp);
            }
            return clients.findById(clientId).chain(client -> {
                String failureKey = failureKey(clientId, client, sourceIp);
                return limiter.mayTry(failureKey).chain(byClient -> byClient.allowed()
                        ? authenticate(clientId, client, secret, sourceIp, failureKey)
                        : limited(byClient, clientId, sourceIp, "failed attempts per client"));
            });
        });
    }

    /**
     * Failed attempts are counted per client id. A platform client's id is public (platform-admin, the service
     * names): counted per id alone, anyone could lock the platform's own identities out with a few wrong secrets a
     * minute, so theirs are counted per id and address. Unknown ids are counted like tenant clients.
     */
    private static String failureKey(String clientId, OAuthClient client, String sourceIp) {
        return client != null && client.tenantId() == null ? clientId + "@" + sourceIp : clientId;
    }

    private Uni<TokenIssuer.IssuedToken> authenticate(String clientId, OAuthClient client, String secret,
            String sourceIp, String failureKey) {
        return Uni.createFrom().item(client)
                // PBKDF2 is slow on purpose: keep it off the event loop
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .chain(found -> {
                    // the same PBKDF2 work for an unknown id as for a wrong secret: no cheap probing, no enumeration
                    boolean secretMatches = hasher.matches(secret,
                            found == null ? unmatchableHash : found.secretHash());
                    if (found == null || !secretMatches) {
                        return limiter.failed(failureKey)
                                .chain(() -> refuse(clientId, null, sourceIp, "unknown client or wrong secret"));
                    }
                    return tenantServed(found).chain(served -> !served
                            ? refuse(clientId, found.tenantId(), sourceIp, "tenant is not active")
                            : policies.effective(found.tenantId()).chain(policy -> {
                        if (found.tenantId() != null && !policy.allowsClientAddress(sourceIp)) {
                            return refuse(clientId, found.tenantId(), sourceIp, "source address not allowed");
                        }
                        return rolesOf(found).map(roles -> issuer.issue(grantOf(found, roles), ttlFor(found, policy)))
                                .call(() -> clients.markUsed(found, clock.instant()))
                                .call(token -> audit(clientId, found.tenantId(), sourceIp,
                                        AuditRecord.Outcome.SUCCESS, Map.of("jti", token.jti())));
                    }));
                });
    }

    /** Suspended, deleted and unknown tenants get no token (DESIGN.md); platform clients have no tenant. */
    private Uni<Boolean> tenantServed(OAuthClient client) {
        if (client.tenantId() == null) {
            return Uni.createFrom().item(true);
        }
        return tenants.statusOf(client.tenantId()).map(TenantStatus::servesTenantClients);
    }

    /**
     * A tenant client's own roles plus the roles bound to it in its tenant's RBAC, platform roles never. Informational:
     * checks read the subject's roles at request time ({@code RbacViews}), not the token's {@code groups}.
     */
    private Uni<List<String>> rolesOf(OAuthClient client) {
        if (client.tenantId() == null) {
            return Uni.createFrom().item(client.roles());
        }
        return rbac.currentRoles(client.tenantId(), client.clientId());
    }

    /** Tenant clients and platform-admin: the platform audience; a service identity: its scope and audiences. */
    private TokenIssuer.Grant grantOf(OAuthClient client, List<String> roles) {
        if (client.tenantId() == null && !roles.contains(TenantContext.PLATFORM_ADMIN_ROLE)) {
            ServiceIdentities.Grant service = services.of(client.clientId());
            return new TokenIssuer.Grant(client.clientId(), null, roles, service.audience(), service.scope());
        }
        return new TokenIssuer.Grant(client.clientId(), client.tenantId(), roles, List.of(config.audience()),
                List.of());
    }

    private Duration ttlFor(OAuthClient client, SecurityPolicy policy) {
        return client.tenantId() == null ? capped(config.platformTtl()) : tenantTokenTtl(policy);
    }

    /** The lifetime of tokens issued to a tenant's clients under its policy (the compliance report shows it). */
    public Duration tenantTokenTtl(SecurityPolicy policy) {
        return capped(policies.tokenTtl(policy));
    }

    private Duration capped(Duration ttl) {
        return ttl.compareTo(config.maxTtl()) > 0 ? config.maxTtl() : ttl;
    }

    private boolean wellFormedClientId(String clientId) {
        return clientId.length() <= config.request().maxClientIdLength() && CLIENT_ID.matcher(clientId).matches();
    }

    private <T> Uni<T> limited(TokenRateLimiter.Verdict verdict, String actor, String sourceIp, String limit) {
        Uni<Void> audited = verdict.firstRefusal()
                ? audit(actor, null, sourceIp, AuditRecord.Outcome.DENIED, Map.of("reason", "rate limited: " + limit,
                        "retry_after_seconds", verdict.retryAfter().toSeconds()))
                : Uni.createFrom().voidItem();
        return audited.chain(() -> Uni.createFrom().failure(new TokenRequestsLimited(verdict.retryAfter())));
    }

    /** The id itself never reaches the audit trail: only its length and a fingerprint to correlate attempts. */
    private <T> Uni<T> refuseMalformed(String clientId, String sourceIp) {
        return audit(AuditRecord.ANONYMOUS_ACTOR, null, sourceIp, AuditRecord.Outcome.DENIED,
                Map.of("reason", "malformed client_id", "client_id_length", clientId.length(),
                        "client_id_sha256", fingerprint(clientId)))
                .chain(() -> Uni.createFrom().failure(OAuthError.invalidRequest("client_id must be 1 to "
                        + config.request().maxClientIdLength() + " letters, digits, '.', '_' or '-'.")));
    }

    private <T> Uni<T> refuseTooLongSecret(String clientId, String sourceIp) {
        return audit(clientId, null, sourceIp, AuditRecord.Outcome.DENIED,
                Map.of("reason", "client_secret too long"))
                .chain(() -> Uni.createFrom().failure(OAuthError.invalidRequest("client_secret may have at most "
                        + config.request().maxClientSecretLength() + " characters.")));
    }

    private <T> Uni<T> refuse(String clientId, String tenantId, String sourceIp, String reason) {
        return audit(clientId, tenantId, sourceIp, AuditRecord.Outcome.DENIED, Map.of("reason", reason))
                .chain(() -> Uni.createFrom().failure(OAuthError.invalidClient()));
    }

    private Uni<Void> audit(String clientId, String tenantId, String sourceIp, AuditRecord.Outcome outcome,
            Map<String, Object> details) {
        String actor = clientId == null || clientId.isBlank() ? AuditRecord.ANONYMOUS_ACTOR : clientId;
        AuditRecord record = new AuditRecord(actor, tenantId, ACTION, "clients/" + actor, outcome, sourceIp, null,
                clock.instant(), details);
        return auditLog.record(record).onFailure().recoverWithNull();
    }

    private static String fingerprint(String value) {
        return Digests.sha256Hex(value).substring(0, FINGERPRINT_HEX);
    }
}

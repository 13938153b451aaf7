package io.tenancycore.security.compliance;

import io.smallrye.mutiny.Uni;
import io.tenancycore.security.audit.AuditTrail;
import io.tenancycore.security.crypto.TransitKey;
import io.tenancycore.security.crypto.TransitKeyStore;
import io.tenancycore.security.policy.PolicyService;
import io.tenancycore.security.policy.SecurityPolicy;
import io.tenancycore.security.rbac.DefaultRoles;
import io.tenancycore.security.rbac.RbacStore;
import io.tenancycore.security.rbac.Role;
import io.tenancycore.security.token.ClientStore;
import io.tenancycore.security.token.OAuthClient;
import io.tenancycore.security.token.SigningKeyRing;
import io.tenancycore.security.token.TokenConfig;
import io.tenancycore.security.token.TokenService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Evaluates a tenant's real state (its transit keys, OAuth2 clients, roles, audit chain, the platform's signing key)
 * against its security policy. Every control reports what it measured; failing ones name the offending objects.
 */
@ApplicationScoped
public class ComplianceService {

    static final String KEY_ROTATION = "transit-key-rotation";
    static final String KEY_AUTO_ROTATION = "transit-key-auto-rotation";
    static final String CLIENT_IDLE = "client-idle";
    static final String CLIENT_SECRET_STRENGTH = "client-secret-strength";
    static final String TOKEN_TTL = "token-ttl";
    static final String SIGNING_KEY_AGE = "signing-key-age";
    static final String AUDIT_CHAIN = "audit-chain-integrity";
    static final String DEFAULT_ROLES = "default-roles";

    @Inject
    PolicyService policies;
    @Inject
    TransitKeyStore keys;
    @Inject
    ClientStore clients;
    @Inject
    RbacStore roles;
    @Inject
    AuditTrail audit;
    @Inject
    SigningKeyRing signingKeys;
    @Inject
    TokenService tokens;
    @Inject
    TokenConfig tokenConfig;
    @Inject
    Clock clock;

    public Uni<ComplianceReport> evaluate(String tenantId) {
        Instant now = clock.instant();
        return policies.effective(tenantId).chain(policy -> Uni.combine().all().unis(
                transitKeys(tenantId), clients.list(tenantId), roles.roles(tenantId), audit.verify(tenantId))
                .with((tenantKeys, tenantClients, tenantRoles, chain) -> {
                    List<Control> controls = new ArrayList<>();
                    controls.add(keyRotation(policy, tenantKeys, now));
                    controls.add(keyAutoRotation(policy, tenantKeys));
                    controls.add(clientIdle(policy, tenantClients, now));
                    controls.add(clientSecretStrength(policy, tenantClients));
                    controls.add(tokenTtl(policy));
                    controls.add(signingKeyAge(policy, now));
                    controls.add(auditChain(chain));
                    controls.add(defaultRoles(tenantRoles));
                    return ComplianceReport.of(tenantId, now, policy, controls);
                }));
    }

    private Uni<List<TransitKey>> transitKeys(String tenantId) {
        return keys.names(tenantId).chain(names -> names.isEmpty() ? Uni.createFrom().item(List.<TransitKey>of())
                : Uni.join().all(names.stream().map(name -> keys.find(tenantId, name)).toList()).andFailFast()
                        .map(found -> found.stream().filter(Objects::nonNull).toList()));
    }

    static Control keyRotation(SecurityPolicy policy, List<TransitKey> tenantKeys, Instant now) {
        Duration period = policy.keyRotationPeriod();
        List<Map<String, Object>> stale = new ArrayList<>();
        for (TransitKey key : tenantKeys) {
            Instant latest = key.versionTimes().getOrDefault(key.latestVersion(), key.lastRotated());
            Duration age = Duration.between(latest, now);
            if (age.compareTo(period) > 0) {
                stale.add(evidence("key", key.name(), "latest_version", key.latestVersion(),
                        "latest_version_created_at", latest, "age_days", age.toDays()));
            }
        }
        return Control.of(KEY_ROTATION, "Encryption keys rotated within key_rotation_period_days", stale.isEmpty(),
                evidence("key_rotation_period_days", policy.keyRotationPeriodDays(), "keys_checked",
                        tenantKeys.size(), "overdue", stale));
    }

    static Control keyAutoRotation(SecurityPolicy policy, List<TransitKey> tenantKeys) {
        if (!policy.requireKeyAutoRotation()) {
            return Control.of(KEY_AUTO_ROTATION, "Encryption keys rotate automatically (when the policy requires it)",
                    true, evidence("required", false, "keys_checked", tenantKeys.size(), "offending", List.of()));
        }
        Duration period = policy.keyRotationPeriod();
        List<Map<String, Object>> offending = new ArrayList<>();
        for (TransitKey key : tenantKeys) {
            if (!key.autoRotates()) {
                offending.add(evidence("key", key.name(), "auto_rotate_period", "unset"));
            } else if (key.autoRotatePeriod().compareTo(period) > 0) {
                offending.add(evidence("key", key.name(), "auto_rotate_period", key.autoRotatePeriod().toString(),
                        "exceeds_days", policy.keyRotationPeriodDays()));
            }
        }
        return Control.of(KEY_AUTO_ROTATION, "Encryption keys rotate automatically (when the policy requires it)",
                offending.isEmpty(), evidence("required", true, "key_rotation_period_days",
                        policy.keyRotationPeriodDays(), "keys_checked", tenantKeys.size(), "offending", offending));
    }

    static Control clientIdle(SecurityPolicy policy, List<OAuthClient> tenantClients, Instant now) {
        Duration maxIdle = policy.clientMaxIdle();
        List<Map<String, Object>> idle = new ArrayList<>();
        for (OAuthClient client : tenantClients) {
            // a client never used counts as idle since its creation
            Instant lastActivity = client.lastUsedAt() != null ? client.lastUsedAt() : client.createdAt();
            Duration idleFor = Duration.between(lastActivity, now);
            if (idleFor.compareTo(maxIdle) > 0) {
                idle.add(evidence("client_id", client.clientId(), "last_used_at", client.lastUsedAt(),
                        "created_at", client.createdAt(), "idle_days", idleFor.toDays()));
            }
        }
        return Control.of(CLIENT_IDLE, "OAuth2 clients used within client_max_idle_days", idle.isEmpty(),
                evidence("client_max_idle_days", policy.clientMaxIdleDays(), "clients_checked", tenantClients.size(),
                        "idle", idle));
    }

    static Control clientSecretStrength(SecurityPolicy policy, List<OAuthClient> tenantClients) {
        List<Map<String, Object>> weak = tenantClients.stream()
                .filter(client -> client.secretBits() < policy.minClientSecretBits())
                .map(client -> evidence("client_id", client.clientId(), "secret_bits", client.secretBits()))
                .toList();
        return Control.of(CLIENT_SECRET_STRENGTH, "Client secrets at least min_client_secret_bits strong",
                weak.isEmpty(), evidence("min_client_secret_bits", policy.minClientSecretBits(), "clients_checked",
                        tenantClients.size(), "weak", weak));
    }

    Control tokenTtl(SecurityPolicy policy) {
        Duration issued = tokens.tenantTokenTtl(policy);
        return Control.of(TOKEN_TTL, "Tokens issued to the tenant live at most token_ttl_seconds",
                issued.compareTo(policy.tokenTtl()) <= 0, evidence("token_ttl_seconds", policy.tokenTtlSeconds(),
                        "issued_ttl_seconds", issued.toSeconds(), "platform_max_ttl_seconds",
                        tokenConfig.maxTtl().toSeconds()));
    }

    /**
     * The key that signs the tenant's tokens is platform-wide: it must be younger than the platform's rotation
     * period (plus one refresh interval, the rotation job's latency) and than the tenant's key rotation period.
     */
    Control signingKeyAge(SecurityPolicy policy, Instant now) {
        Duration platformLimit = tokenConfig.signingKeyRotationPeriod().plus(tokenConfig.signingKeyRefreshInterval());
        Duration limit = platformLimit.compareTo(policy.keyRotationPeriod()) < 0 ? platformLimit
                : policy.keyRotationPeriod();
        String title = "Token signing key younger than the rotation period";
        var since = signingKeys.activeSince();
        if (since.isEmpty()) {
            return Control.of(SIGNING_KEY_AGE, title, false, evidence("active_kid", null, "reason",
                    "no active signing key"));
        }
        Duration age = Duration.between(since.get(), now);
        return Control.of(SIGNING_KEY_AGE, title, age.compareTo(limit) <= 0, evidence("active_kid",
                signingKeys.activeKid().orElse(null), "created_at", since.get(), "age_days", age.toDays(),
                "platform_rotation_period_days", tokenConfig.signingKeyRotationPeriod().toDays(),
                "key_rotation_period_days", policy.keyRotationPeriodDays()));
    }

    static Control auditChain(AuditTrail.Verification chain) {
        return Control.of(AUDIT_CHAIN, "Audit hash chain intact", chain.valid(), evidence("entries", chain.entries(),
                "first_broken_seq", chain.firstBrokenSeq(), "reason", chain.reason(), "head_hash", chain.headHash()));
    }

    static Control defaultRoles(List<Role> tenantRoles) {
        Set<String> present = tenantRoles.stream().map(Role::name).collect(Collectors.toSet());
        List<String> missing = DefaultRoles.ALL.stream().map(Role::name).filter(name -> !present.contains(name))
                .toList();
        return Control.of(DEFAULT_ROLES, "Default roles present", missing.isEmpty(), evidence("expected",
                DefaultRoles.ALL.stream().map(Role::name).toList(), "missing", missing));
    }

    /** An ordered map that, unlike Map.of, keeps null values (a never-used client has no last use). */
    private static Map<String, Object> evidence(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }
}

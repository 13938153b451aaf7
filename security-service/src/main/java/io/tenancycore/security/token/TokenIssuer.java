package io.tenancycore.security.token;

import io.tenancycore.commons.token.TokenClaims;
import io.tenancycore.security.rbac.Caller;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.jboss.logging.Logger;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.ReservedClaimNames;
import org.jose4j.lang.JoseException;

/**
 * Signs access tokens (JWT, RS256, {@code kid} header) with the ring's active key. Last line of defence of the
 * identity model: a token with a {@code tenant_id} never carries a platform role nor a {@code scope}, whatever the
 * caller of this class asked for.
 */
public class TokenIssuer {

    public static final String TENANT_CLAIM = TokenClaims.TENANT_CLAIM;
    public static final String GROUPS_CLAIM = "groups";
    public static final String SCOPE_CLAIM = Caller.SCOPE_CLAIM;
    private static final Logger LOG = Logger.getLogger(TokenIssuer.class);

    private final SigningKeyRing ring;
    private final String issuer;
    private final Clock clock;
    private final Predicate<String> platformRole;

    /** @param platformRole whether a role name is a platform role (reserved: no tenant token may carry it) */
    public TokenIssuer(SigningKeyRing ring, String issuer, Clock clock, Predicate<String> platformRole) {
        this.ring = ring;
        this.issuer = issuer;
        this.clock = clock;
        this.platformRole = platformRole;
    }

    /**
     * What a token says about its holder.
     *
     * @param tenantId null for platform clients (platform-admin, services)
     * @param audience the services that accept the token ({@code aud})
     * @param scope the permissions of a service identity; empty for everyone else
     */
    public record Grant(String subject, String tenantId, List<String> roles, List<String> audience,
            List<String> scope) {

        public Grant {
            roles = List.copyOf(roles);
            audience = List.copyOf(audience);
            scope = scope == null ? List.of() : List.copyOf(scope);
        }
    }

    public record IssuedToken(String token, String jti, Instant expiresAt, long expiresIn) {
    }

    public IssuedToken issue(Grant grant, Duration ttl) {
        if (grant.audience().isEmpty()) {
            throw new IllegalArgumentException("a token needs an audience");
        }
        Instant now = clock.instant();
        Instant expiresAt = now.plus(ttl);
        String jti = UUID.randomUUID().toString();
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setSubject(grant.subject());
        // always an array (RFC 7519 allows a string for one value; jose4j would write that)
        claims.setClaim(ReservedClaimNames.AUDIENCE, grant.audience());
        claims.setIssuedAt(NumericDate.fromSeconds(now.getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(expiresAt.getEpochSecond()));
        claims.setJwtId(jti);
        List<String> roles = grant.roles();
        if (grant.tenantId() != null) {
            claims.setClaim(TENANT_CLAIM, grant.tenantId());
            roles = withoutPlatformRoles(grant);
        } else if (!grant.scope().isEmpty()) {
            claims.setClaim(SCOPE_CLAIM, String.join(" ", grant.scope()));
        }
        claims.setStringListClaim(GROUPS_CLAIM, roles);
        Map.Entry<String, PrivateKey> signer = ring.activeSigner();
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setKeyIdHeaderValue(signer.getKey());
        jws.setHeader("typ", "JWT");
        jws.setKey(signer.getValue());
        try {
            return new IssuedToken(jws.getCompactSerialization(), jti, expiresAt, ttl.toSeconds());
        } catch (JoseException e) {
            throw new IllegalStateException("token signing failed", e);
        }
    }

    private List<String> withoutPlatformRoles(Grant grant) {
        List<String> kept = grant.roles().stream().filter(platformRole.negate()).toList();
        if (kept.size() != grant.roles().size() || !grant.scope().isEmpty()) {
            LOG.warnf("token of %s (tenant %s): platform roles or scope asked for a tenant token, left out",
                    grant.subject(), grant.tenantId());
        }
        return kept;
    }
}

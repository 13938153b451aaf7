package io.tenancycore.security.token;

import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/** Signs access tokens (JWT, RS256, {@code kid} header) with the ring's active key. */
public class TokenIssuer {

    public static final String TENANT_CLAIM = "tenant_id";
    public static final String GROUPS_CLAIM = "groups";

    private final SigningKeyRing ring;
    private final String issuer;
    private final Clock clock;

    public TokenIssuer(SigningKeyRing ring, String issuer, Clock clock) {
        this.ring = ring;
        this.issuer = issuer;
        this.clock = clock;
    }

    public record IssuedToken(String token, String jti, Instant expiresAt, long expiresIn) {
    }

    /** @param tenantId null for platform clients (platform-admin, services) */
    public IssuedToken issue(String subject, String tenantId, List<String> roles, Duration ttl) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(ttl);
        String jti = UUID.randomUUID().toString();
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setSubject(subject);
        claims.setIssuedAt(NumericDate.fromSeconds(now.getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(expiresAt.getEpochSecond()));
        claims.setJwtId(jti);
        if (tenantId != null) {
            claims.setClaim(TENANT_CLAIM, tenantId);
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
}

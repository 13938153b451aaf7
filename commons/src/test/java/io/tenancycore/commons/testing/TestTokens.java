package io.tenancycore.commons.testing;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * Signs JWTs the way security-service does (RS256, claims {@code sub, tenant_id, groups, iss, exp, iat, jti}) with the
 * test key pair in {@code testing/jwt-*.pem}. A test profile verifies them with
 * {@code mp.jwt.verify.publickey.location=testing/jwt-public.pem} and {@code mp.jwt.verify.issuer=}{@value #ISSUER}.
 */
public final class TestTokens {

    public static final String ISSUER = "https://test.tenancycore.io";
    public static final String PUBLIC_KEY_LOCATION = "testing/jwt-public.pem";
    public static final String PRIVATE_KEY_LOCATION = "testing/jwt-private.pem";
    /** The audience every service accepts (DESIGN.md). */
    public static final String AUDIENCE = "tenancy-core";
    private static final Duration LIFETIME = Duration.ofMinutes(10);

    private TestTokens() {
    }

    /** A valid token of {@code subject} in {@code tenantId} with the given roles. */
    public static String token(String subject, String tenantId, String... roles) {
        return sign(subject, tenantId, Set.of(roles), Instant.now(), Instant.now().plus(LIFETIME), privateKey());
    }

    public static String tenantUser(String tenantId) {
        return token("user@" + tenantId, tenantId, "tenant-user");
    }

    public static String tenantAdmin(String tenantId) {
        return token("admin@" + tenantId, tenantId, "tenant-admin");
    }

    public static String platformAdmin() {
        return token("platform-admin", null, "platform-admin");
    }

    /** A service identity's token: role {@code service}, no tenant, the given permissions as its {@code scope}. */
    public static String service(String name, String... scopes) {
        return sign(name, null, Set.of("service"), Instant.now(), Instant.now().plus(LIFETIME), privateKey(),
                AUDIENCE, String.join(" ", scopes));
    }

    /** Correctly signed and unexpired, but for another audience. */
    public static String forAudience(String audience, String tenantId, String... roles) {
        return sign("user@" + tenantId, tenantId, Set.of(roles), Instant.now(), Instant.now().plus(LIFETIME),
                privateKey(), audience, null);
    }

    /** Correctly signed, but expired an hour ago. */
    public static String expired(String tenantId, String... roles) {
        Instant issued = Instant.now().minus(Duration.ofHours(2));
        return sign("late@" + tenantId, tenantId, Set.of(roles), issued, issued.plus(Duration.ofHours(1)),
                privateKey());
    }

    /** Well-formed and unexpired, but signed with a key nobody trusts. */
    public static String forged(String tenantId, String... roles) {
        try {
            KeyPair stranger = KeyUtils.generateKeyPair(2048);
            return sign("forger@" + tenantId, tenantId, Set.of(roles), Instant.now(), Instant.now().plus(LIFETIME),
                    stranger.getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }

    private static String sign(String subject, String tenantId, Set<String> roles, Instant issuedAt, Instant expiresAt,
            PrivateKey key) {
        return sign(subject, tenantId, roles, issuedAt, expiresAt, key, AUDIENCE, null);
    }

    private static String sign(String subject, String tenantId, Set<String> roles, Instant issuedAt, Instant expiresAt,
            PrivateKey key, String audience, String scope) {
        var claims = Jwt.issuer(ISSUER)
                .audience(audience)
                .subject(subject)
                .groups(roles)
                .issuedAt(issuedAt)
                .expiresAt(expiresAt)
                .claim("jti", UUID.randomUUID().toString());
        if (tenantId != null) {
            claims.claim("tenant_id", tenantId);
        }
        if (scope != null) {
            claims.claim("scope", scope);
        }
        return claims.jws().algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.RS256).sign(key);
    }

    private static PrivateKey privateKey() {
        try {
            return KeyUtils.readPrivateKey(PRIVATE_KEY_LOCATION);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the test signing key " + PRIVATE_KEY_LOCATION, e);
        }
    }
}

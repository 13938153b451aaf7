package io.tenancycore.security.token;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "tenancy.security.tokens")
public interface TokenConfig {

    /** The {@code iss} claim; other services verify it with {@code mp.jwt.verify.issuer}. */
    @WithDefault("${mp.jwt.verify.issuer:tenancy-core}")
    String issuer();

    /** TTL of tenant tokens when the tenant's policy says nothing. */
    @WithDefault("1h")
    Duration defaultTtl();

    /** Upper bound for any token TTL; retired signing keys stay published this long (plus skew). */
    @WithDefault("24h")
    Duration maxTtl();

    /** TTL of platform tokens (platform-admin, services). */
    @WithDefault("1h")
    Duration platformTtl();

    @WithDefault("30s")
    Duration clockSkew();

    /** A new signing key takes over this long after the active one was created. */
    @WithDefault("30d")
    Duration signingKeyRotationPeriod();

    @WithDefault("2048")
    int signingKeyBits();

    /** How often a replica re-reads the signing keys and checks whether rotation is due. */
    @WithDefault("30s")
    Duration signingKeyRefreshInterval();

    /** PBKDF2 work factor for client secrets. */
    @WithDefault("210000")
    int secretHashIterations();

    /** Bytes of randomness in generated client secrets. */
    @WithDefault("32")
    int generatedSecretBytes();
}

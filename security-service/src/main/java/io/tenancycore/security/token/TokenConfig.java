package io.tenancycore.security.token;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "tenancy.security.tokens")
public interface TokenConfig {

    /** The {@code iss} claim; other services verify it with {@code mp.jwt.verify.issuer}. */
    @WithDefault("${mp.jwt.verify.issuer:tenancy-core}")
    String issuer();

    /**
     * The platform audience: the {@code aud} of tenant and platform-admin tokens, which every service accepts. Service
     * identities never get it, only the names of the services they call ({@link ServiceClientsConfig}). This service
     * accepts a token whose {@code aud} holds this value or its own {@code quarkus.application.name}.
     */
    @WithDefault("tenancy-core")
    String audience();

    /**
     * Where clients reach this service, for the absolute URLs of the discovery document (e.g. the gateway's
     * {@code https://api.example.com/api/security}); the request's own base URL when unset.
     */
    Optional<String> publicBaseUrl();

    /** TTL of tenant tokens when the tenant's policy says nothing. */
    @WithDefault("1h")
    Duration defaultTtl();

    /** Upper bound for any token TTL; retired signing keys stay published this long (plus skew). */
    @WithDefault("24h")
    Duration maxTtl();

    /** TTL of platform tokens (platform-admin, services). */
    @WithDefault("1h")
    Duration platformTtl();

    /** One clock skew for the whole platform: every other service reads the same setting through smallrye-jwt. */
    @WithDefault("${mp.jwt.verify.clock.skew:30}s")
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

    /** Token requests, exact across replicas (counted in Redis, fixed windows). */
    RateLimit rateLimit();

    /** Bounds of a token request; anything longer is refused before any lookup or hashing. */
    Request request();

    interface RateLimit {

        /** Failed authentications per client id in one window; more → 429 until the window ends. */
        @WithDefault("10")
        int failedAttemptsPerClient();

        /** Token requests per source address in one window (successful or not); more → 429. */
        @WithDefault("30")
        int requestsPerAddress();

        @WithDefault("1m")
        Duration window();
    }

    interface Request {

        @WithDefault("128")
        int maxClientIdLength();

        @WithDefault("512")
        int maxClientSecretLength();

        /** Largest token request body (a declared Content-Length); larger → 413 before it is read. */
        @WithDefault("4096")
        int maxBodyBytes();
    }
}

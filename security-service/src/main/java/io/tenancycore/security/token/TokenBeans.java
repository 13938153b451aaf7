package io.tenancycore.security.token;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.tenancycore.security.crypto.MasterKeyRing;
import io.tenancycore.security.rbac.ReservedRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** CDI wiring of the token classes, which are plain classes so tests can build several "replicas". */
@ApplicationScoped
public class TokenBeans {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    SigningKeyRing signingKeyRing(ReactiveRedisDataSource redis, ObjectMapper mapper, MasterKeyRing masterKeys,
            TokenConfig config, Clock clock) {
        return new SigningKeyRing(new SigningKeyStore(redis, mapper), masterKeys, clock,
                config.maxTtl().plus(config.clockSkew()), config.signingKeyBits());
    }

    @Produces
    @Singleton
    TokenIssuer tokenIssuer(SigningKeyRing ring, TokenConfig config, Clock clock, ReservedRoles reserved) {
        return new TokenIssuer(ring, config.issuer(), clock, reserved::isReserved);
    }

    @Produces
    @Singleton
    TokenVerifier tokenVerifier(SigningKeyRing ring, TokenConfig config,
            @ConfigProperty(name = "quarkus.application.name") String applicationName) {
        return new TokenVerifier(ring, config.issuer(), config.clockSkew(),
                Set.copyOf(List.of(config.audience(), applicationName)));
    }

    @Produces
    @Singleton
    ClientStore clientStore(ReactiveRedisDataSource redis, ObjectMapper mapper) {
        return new ClientStore(redis, mapper);
    }

    @Produces
    @Singleton
    SecretHasher secretHasher(TokenConfig config) {
        return new SecretHasher(config.secretHashIterations());
    }

    @Produces
    @Singleton
    TokenRateLimiter tokenRateLimiter(ReactiveRedisDataSource redis, TokenConfig config) {
        TokenConfig.RateLimit limits = config.rateLimit();
        return new TokenRateLimiter(redis, limits.failedAttemptsPerClient(), limits.requestsPerAddress(),
                limits.window());
    }
}

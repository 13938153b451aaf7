package io.tenancycore.security.token;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.tenancycore.security.kek.MasterKeyRing;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

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
    TokenIssuer tokenIssuer(SigningKeyRing ring, TokenConfig config, Clock clock) {
        return new TokenIssuer(ring, config.issuer(), clock);
    }

    @Produces
    @Singleton
    TokenVerifier tokenVerifier(SigningKeyRing ring, TokenConfig config) {
        return new TokenVerifier(ring, config.issuer(), config.clockSkew());
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
}

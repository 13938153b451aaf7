package io.tenancycore.commons.token;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

@ApplicationScoped
public class VerifiedTokensProducer {

    @Produces
    @Singleton
    VerifiedTokens verifiedTokens(VerifiedTokenCacheConfig config) {
        return new VerifiedTokens(config.enabled() ? config.maxSize() : 0, Clock.systemUTC());
    }
}
